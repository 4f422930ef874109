using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>Sends an operation and turns the answer into a typed result; the generated client calls it.</summary>
public interface IGraphQLExecutor
{
    /// <summary>
    /// Sends <paramref name="request"/> and reads the answer's <c>data</c> with <paramref name="readData"/>.
    /// Never throws for a failed request (those become <see cref="IOperationResult{TResult}.Errors"/>);
    /// only cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    Task<IOperationResult<TResult>> ExecuteAsync<TResult>(GraphQLOperationRequest request, Func<JsonElement, TResult> readData, CancellationToken cancellationToken)
        where TResult : class;
}
