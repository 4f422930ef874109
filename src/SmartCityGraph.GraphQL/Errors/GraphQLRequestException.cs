using GraphQL;

namespace SmartCityGraph.GraphQL.Errors;

/// <summary>
/// An error raised on purpose: its message is safe to show and its code is one of <see cref="ErrorCodes"/>.
/// </summary>
public sealed class GraphQLRequestException : ExecutionError
{
    public GraphQLRequestException(string code, string message) : base(message) => Code = code;

    public static GraphQLRequestException InvalidInput(string message) => new(ErrorCodes.InvalidInput, message);
}
