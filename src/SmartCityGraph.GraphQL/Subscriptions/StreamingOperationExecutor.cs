using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Telemetry;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// Executes one operation for a streaming transport (WebSocket, Server-Sent Events) the way GraphQL over
/// HTTP does — same schema, user, interceptors (cost and depth limits) and execution timeout — but in a
/// service scope of its own: one WebSocket runs several operations at once, and a scoped DbContext is not
/// thread-safe. A subscription's result carries its stream in <see cref="ExecutionResult.Streams"/>; the
/// scope then lives until <see cref="StreamingOperation.DisposeAsync"/>, events run in scopes of their own
/// (<see cref="ScopedSubscriptionExecutionStrategy"/>).
/// </summary>
public sealed class StreamingOperationExecutor(
    IServiceScopeFactory scopeFactory,
    IOptions<GraphQLHttpOptions> httpOptions,
    ILogger<StreamingOperationExecutor> logger)
{
    public async Task<StreamingOperation> ExecuteAsync(HttpContext context, GraphQLRequest request, CancellationToken cancellationToken)
    {
        var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = request.Query,
            DocumentId = request.DocumentId, // a typed client's trusted document (Security:TrustedDocumentsOnly applies here too)
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = context.User,
            UserContext = new Dictionary<string, object?>(),
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(httpOptions.Value.ExecutionTimeout);
        options.CancellationToken = timeout.Token;

        var interceptors = services.GetServices<IGraphQLRequestInterceptor>().ToList();
        ExecutionResult? result = null;
        try
        {
            foreach (var interceptor in interceptors)
                await interceptor.OnRequestAsync(context, options);
            result = await services.GetRequiredService<IDocumentExecuter>().ExecuteAsync(options);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await scope.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }

        if (result is null || (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && result.Streams is null))
        {
            logger.LogWarning("A GraphQL operation exceeded the execution timeout of {Timeout}.", httpOptions.Value.ExecutionTimeout);
            result = new ExecutionResult
            {
                Executed = true,
                Errors = [new GraphQLRequestException(ErrorCodes.Timeout, GraphQLErrorInfoProvider.TimeoutMessage)],
            };
        }

        if (result.Streams is null)
        {
            // A single result: the interceptors may extend it, as over HTTP. Stream events are not extended.
            foreach (var interceptor in interceptors)
                await interceptor.OnResultAsync(context, options, result);
            await scope.DisposeAsync();
            return new StreamingOperation(result, null);
        }
        return new StreamingOperation(result, scope);
    }
}

/// <summary>
/// The outcome of <see cref="StreamingOperationExecutor.ExecuteAsync"/>: a single result, or a subscription
/// whose event stream is <see cref="Stream"/>. Dispose it when the operation ends.
/// </summary>
public sealed class StreamingOperation : IAsyncDisposable
{
    private readonly AsyncServiceScope? scope;
    private int disposed;

    public StreamingOperation(ExecutionResult result, AsyncServiceScope? scope)
    {
        Result = result;
        Stream = result.Streams?.Values.SingleOrDefault();
        this.scope = scope;
        if (Stream is not null) GraphQLTelemetry.SubscriptionStarted(); // graphql_server_subscriptions_active
    }

    public ExecutionResult Result { get; }

    /// <summary>The subscription's results, one per event; null for a query, a mutation or a refused operation.</summary>
    public IObservable<ExecutionResult>? Stream { get; }

    /// <summary>Refused before execution (a document that does not parse or validate, bad variables, a limit).</summary>
    public bool IsRefused => !Result.Executed;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return ValueTask.CompletedTask;
        if (Stream is not null) GraphQLTelemetry.SubscriptionEnded();
        return scope?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
