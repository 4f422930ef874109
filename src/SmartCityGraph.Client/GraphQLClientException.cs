namespace SmartCityGraph.Client;

/// <summary>Thrown by <see cref="OperationResultExtensions.EnsureNoErrors{TResult}"/>: the operation's errors, as an exception.</summary>
public sealed class GraphQLClientException : Exception
{
    /// <summary>An exception carrying <paramref name="errors"/>.</summary>
    public GraphQLClientException(IReadOnlyList<IClientError> errors)
        : base(Describe(errors), errors.Select(e => e.Exception).FirstOrDefault(e => e is not null))
    {
        Errors = errors;
    }

    /// <summary>The operation's errors.</summary>
    public IReadOnlyList<IClientError> Errors { get; }

    private static string Describe(IReadOnlyList<IClientError> errors) =>
        errors.Count == 1
            ? "The GraphQL operation failed: " + errors[0]
            : "The GraphQL operation failed with " + errors.Count + " errors: " + string.Join("; ", errors);
}
