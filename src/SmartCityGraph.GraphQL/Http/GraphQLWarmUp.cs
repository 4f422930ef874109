using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// Before the server takes requests (hosted services start before Kestrel listens): builds the schema and runs a
/// trivial document and a broken one through the executer and the serializer. Otherwise the first request of a
/// fresh process pays for the schema's lazy initialization and for compiling parser, validation, execution and
/// error paths - about 1.5 s on a busy 2-core machine, for any document, which would put even a refusal
/// past its time limit.
/// </summary>
internal sealed class GraphQLWarmUp(IServiceProvider services, ILogger<GraphQLWarmUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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
                    CancellationToken = cancellationToken,
                });
                serializer.Serialize(result);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a warm-up: the first request will do the same work (and report what fails).
            logger.LogWarning(e, "Warming up the GraphQL pipeline failed.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
