using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Execution;
using SmartCityGraph.GraphQL.Http;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// Executes each subscription event in a service scope of its own, under the execution timeout, with the
/// serial strategy beneath. GraphQL.NET would otherwise run every event with the services of the
/// subscribing request, which are disposed (HTTP) or shared by concurrent operations (a WebSocket) — and a
/// scoped DbContext is not thread-safe.
/// </summary>
public sealed class ScopedSubscriptionExecutionStrategy(IServiceScopeFactory scopeFactory, IOptions<GraphQLHttpOptions> httpOptions)
    // A new SerialExecutionStrategy, not its shared instance: it keeps reusable state per strategy.
    : SubscriptionExecutionStrategy(new KnownFieldsExecutionStrategy())
{
    protected override ExecutionContext CloneExecutionContext(ExecutionContext context, CancellationToken token)
    {
        var clone = base.CloneExecutionContext(context, token);
        clone.RequestServices = null; // never the subscribing request's services; ProcessDataAsync sets a fresh scope
        return clone;
    }

    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;

        var unsubscribed = context.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(unsubscribed);
        timeout.CancelAfter(httpOptions.Value.ExecutionTimeout);
        context.CancellationToken = timeout.Token;

        var result = await base.ProcessDataAsync(context, node, value);
        if (timeout.IsCancellationRequested && !unsubscribed.IsCancellationRequested)
        {
            // Past the limit the answer is the limit, whatever the cut-off work reported (as over HTTP).
            result.Data = null;
            result.Errors = [new GraphQLRequestException(ErrorCodes.Timeout, GraphQLErrorInfoProvider.TimeoutMessage)];
        }
        return result;
    }
}

public static class ScopedSubscriptionGraphQLBuilderExtensions
{
    /// <summary>Runs subscriptions with <see cref="ScopedSubscriptionExecutionStrategy"/>.</summary>
    public static IGraphQLBuilder AddScopedSubscriptionExecution(this IGraphQLBuilder builder) =>
        builder.AddExecutionStrategy(
            services => new ScopedSubscriptionExecutionStrategy(
                services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<IOptions<GraphQLHttpOptions>>()),
            OperationType.Subscription);
}
