using GraphQL.Transport;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>Either a well-formed GraphQL request or the reason the transport refuses it.</summary>
public readonly record struct GraphQLHttpRequestReadResult(GraphQLRequest? Request, GraphQLHttpError? Error)
{
    public static implicit operator GraphQLHttpRequestReadResult(GraphQLRequest request) => new(request, null);

    public static implicit operator GraphQLHttpRequestReadResult(GraphQLHttpError error) => new(null, error);
}
