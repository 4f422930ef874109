using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Http;

public sealed class GraphQLMediaTypesTests
{
    private const string GraphQLResponse = GraphQLMediaTypes.GraphQLResponseJson;
    private const string Json = GraphQLMediaTypes.Json;

    [Theory]
    [InlineData(null, Json)] // legacy client without Accept
    [InlineData("", Json)]
    [InlineData("*/*", Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/json", Json)]
    [InlineData("application/json; charset=utf-8", Json)]
    [InlineData("application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("application/graphql-response+json;q=0.5, */*", Json)]
    [InlineData("text/html, application/graphql-response+json", GraphQLResponse)]
    public void Negotiates_the_response_media_type(string? accept, string expected)
    {
        Assert.True(GraphQLMediaTypes.TryNegotiate(accept, out var mediaType));
        Assert.Equal(expected, mediaType);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml, text/plain")]
    [InlineData("application/json;q=0")]
    public void Refuses_accept_headers_naming_only_types_we_cannot_produce(string accept) =>
        Assert.False(GraphQLMediaTypes.TryNegotiate(accept, out _));
}
