using System.Net;
using Microsoft.AspNetCore.Http;
using SmartCityGraph.GraphQL.Errors;
using static SmartCityGraph.GraphQL.Tests.Http.GraphQLHttpCall;

namespace SmartCityGraph.GraphQL.Tests.Http;

public sealed class GetRequestTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task Executes_a_query_with_operation_name_variables_and_extensions_from_the_query_string()
    {
        var queryString = Query("query Greet($name: String) { hello(name: $name) } query Other { hello }")
            + "&operationName=Greet"
            + "&variables=" + Uri.EscapeDataString("""{"name":"Grace"}""")
            + "&extensions=" + Uri.EscapeDataString("""{"some":"value"}""");

        var response = await Client.GetGraphQLAsync(queryString);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/graphql-response+json; charset=utf-8", response.ContentType);
        Assert.Equal("Hello, Grace!", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("mutation { noop }", null)]
    [InlineData("query Q { hello } mutation M { noop }", "M")]
    public async Task Refuses_a_mutation_with_405_allowing_post(string document, string? operationName)
    {
        var response = await Client.GetGraphQLAsync(Query(document) + (operationName is null ? "" : "&operationName=" + operationName));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["POST"], response.ContentHeaders.Allow);
        Assert.Equal(ErrorCodes.MethodNotAllowed, response.SingleErrorCode);
    }

    [Fact]
    public async Task Runs_the_query_operation_of_a_document_that_also_has_a_mutation()
    {
        var response = await Client.GetGraphQLAsync(Query("query Q { hello } mutation M { noop }") + "&operationName=Q");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?operationName=Q")]
    [InlineData("?query=")]
    [InlineData("?query=%7Bhello%7D&query=%7Bhello%7D")]
    [InlineData("?query=%7Bhello%7D&variables=%5B1%5D")] // variables=[1]
    [InlineData("?query=%7Bhello%7D&variables=not-json")]
    [InlineData("?query=%7Bhello%7D&extensions=%22string%22")]
    public async Task Answers_malformed_query_strings_with_400_bad_request(string queryString)
    {
        var response = await Client.GetGraphQLAsync(queryString);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(ErrorCodes.BadRequest, response.SingleErrorCode);
    }

    [Fact]
    public async Task Serves_the_schema_as_sdl()
    {
        var response = await Client.GetGraphQLAsync("?sdl", accept: null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/plain; charset=utf-8", response.ContentType);
        Assert.Contains("type Query {", response.Body);
        Assert.Contains("hello(name: String): String", response.Body);
        Assert.Contains("type Mutation {", response.Body);
    }

    [Fact]
    public async Task Answers_a_browser_with_404_when_no_ide_is_configured()
    {
        var response = await Client.GetGraphQLAsync("", accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Hands_a_browser_to_the_configured_ide_page()
    {
        await using var server = await ToyGraphQLServer.StartAsync(options => options.IdeHtmlProvider = context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync("<html>IDE</html>");
        });

        var browser = await server.Client.GetGraphQLAsync("", accept: "text/html,*/*;q=0.8");
        var browserWithQuery = await server.Client.GetGraphQLAsync(Query("{ hello }"), accept: "text/html,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, browser.Status);
        Assert.Equal("<html>IDE</html>", browser.Body);
        Assert.StartsWith("application/json", browserWithQuery.ContentType); // a query in the URL is executed
        Assert.Equal("Hello, world!", browserWithQuery.Json.GetProperty("data").GetProperty("hello").GetString());
    }
}
