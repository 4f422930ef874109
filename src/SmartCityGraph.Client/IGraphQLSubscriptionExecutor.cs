using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>Runs an operation whose results arrive over time; the generated subscription operations call it.</summary>
public interface IGraphQLSubscriptionExecutor
{
    /// <summary>
    /// Starts <paramref name="request"/> and yields one result per event until the server completes it, it
    /// fails (the last result then carries the errors) or the caller stops enumerating or cancels
    /// <paramref name="cancellationToken"/> (which stops the operation on the server and ends the enumeration).
    /// </summary>
    IAsyncEnumerable<IOperationResult<TResult>> SubscribeAsync<TResult>(GraphQLOperationRequest request, Func<JsonElement, TResult> readData, CancellationToken cancellationToken)
        where TResult : class;
}
