namespace SmartCityGraph.Client;

/// <summary>The checks Strawberry Shake users know: <c>IsErrorResult()</c> and <c>EnsureNoErrors()</c>.</summary>
public static class OperationResultExtensions
{
    /// <summary>True when the result has at least one error.</summary>
    public static bool IsErrorResult<TResult>(this IOperationResult<TResult> result)
        where TResult : class =>
        result.Errors.Count > 0;

    /// <summary>The data, or a <see cref="GraphQLClientException"/> naming every error when there is any (or no data).</summary>
    public static TResult EnsureNoErrors<TResult>(this IOperationResult<TResult> result)
        where TResult : class
    {
        if (result.Errors.Count > 0)
        {
            throw new GraphQLClientException(result.Errors);
        }

        return result.Data ?? throw new GraphQLClientException(new[]
        {
            new ClientError("The server answered without data and without errors.", ClientErrorCodes.InvalidResponse),
        });
    }
}
