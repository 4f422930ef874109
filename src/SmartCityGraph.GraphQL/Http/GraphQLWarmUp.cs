using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// Builds the schema and runs a trivial document and a broken one through the executer and the serializer, once per
/// process. Otherwise the first request of a fresh process pays for the schema's lazy initialization and for
/// compiling parser, validation, execution and error paths - about 1.5 s on a busy 2-core machine, for any document,
/// which would put even a refusal past its time limit. The host may start it early (the server does, on the other
/// core while it prepares the database); at the latest it runs as a hosted service, before Kestrel listens.
/// </summary>
public sealed class GraphQLWarmUp(IServiceProvider services, ILogger<GraphQLWarmUp> logger) : IHostedService
{
    private readonly Lazy<Task> _run = new(() => RunAsync(services, logger));

    /// <summary>The warm-up, started by the first caller; later callers await the same run.</summary>
    public Task WarmUpAsync() => _run.Value;

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => WarmUpAsync().WaitAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task RunAsync(IServiceProvider services, ILogger logger)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var schema = scope.ServiceProvider.GetRequiredService<ISchema>();
            schema.Initialize();
            var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter>();
            var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
            foreach (var document in new[] { "query WarmUp { __typename }", "{" })
            {
                var result = await executer.ExecuteAsync(new ExecutionOptions
                {
                    Schema = schema,
                    Query = document,
                    RequestServices = scope.ServiceProvider,
                    UserContext = new System.Collections.Concurrent.ConcurrentDictionary<string, object?>(),
                });
                serializer.Serialize(result);
            }
        }
        catch (Exception e)
        {
            // Only a warm-up: the first request will do the same work (and report what fails).
            logger.LogWarning(e, "Warming up the GraphQL pipeline failed.");
        }
    }
}
