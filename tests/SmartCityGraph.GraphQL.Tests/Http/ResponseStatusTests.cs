using System.Net;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>Status codes per the GraphQL-over-HTTP spec: they differ between the two response media types.</summary>
public sealed class ResponseStatusTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private const string Json = "application/json";
    private HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData(GraphQLHttpCall.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task A_document_that_does_not_parse(string accept, HttpStatusCode expected)
    {
        var response = await Client.PostQueryAsync("{", accept: accept);

        Assert.Equal(expected, response.Status);
        Assert.StartsWith(accept + "; charset=utf-8", response.ContentType);
        Assert.Equal(ErrorCodes.ParseFailed, response.SingleErrorCode);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData(GraphQLHttpCall.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task A_document_that_does_not_validate(string accept, HttpStatusCode expected)
    {
        var response = await Client.PostQueryAsync("{ noSuchField }", accept: accept);

        Assert.Equal(expected, response.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, response.SingleErrorCode);
        Assert.False(response.Json.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData(GraphQLHttpCall.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Variables_that_do_not_coerce(string accept, HttpStatusCode expected)
    {
        var response = await Client.PostQueryAsync("query Q($name: String!) { hello(name: $name) }", new { name = (string?)null }, accept);

        Assert.Equal(expected, response.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, response.SingleErrorCode);
        Assert.Contains("$name", response.Errors[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(GraphQLHttpCall.GraphQLResponseJson, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task An_operation_name_the_document_does_not_contain(string accept, HttpStatusCode expected)
    {
        var response = await Client.PostJsonAsync("""{"query":"query A { hello }","operationName":"B"}""", accept);

        Assert.Equal(expected, response.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, response.SingleErrorCode);
    }

    [Theory]
    [InlineData(GraphQLHttpCall.GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task An_executed_request_with_field_errors_is_200_with_partial_data(string accept)
    {
        var response = await Client.PostQueryAsync("{ hello invalidInput }", accept: accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var data = response.Json.GetProperty("data");
        Assert.Equal("Hello, world!", data.GetProperty("hello").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("invalidInput").ValueKind);
        Assert.Equal(ErrorCodes.InvalidInput, response.SingleErrorCode);
    }

    [Fact]
    public async Task A_mutation_over_post_executes()
    {
        var response = await Client.PostQueryAsync("mutation { noop }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json.GetProperty("data").GetProperty("noop").GetBoolean());
    }
}
