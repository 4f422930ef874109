using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.Runtime;

/// <summary>What goes wrong between client and server becomes a typed error in Errors, never an exception in user code.</summary>
public sealed class TransportErrorTests
{
    private const string PilotsJson = """{"data":{"pilots":{"totalCount":1,"nodes":[{"__typename":"Pilot","id":"UGlsb3Q6eA==","title":"X","seedTitle":null,"startDate":"2022-04-28","endDate":null,"lead":null,"partners":[],"funders":[]}]}}}""";

    [Fact]
    public async Task A_successful_answer_is_typed_data_and_the_request_is_GraphQL_over_HTTP()
    {
        var handler = new StubHandler(HttpStatusCode.OK, PilotsJson, "application/graphql-response+json");

        var result = await Client(handler).GetPilots.ExecuteAsync(5);

        Assert.False(result.IsErrorResult());
        var pilot = Assert.Single(result.EnsureNoErrors().Pilots!.Nodes);
        Assert.Equal(new DateOnly(2022, 4, 28), pilot.StartDate);
        Assert.Null(pilot.Lead);
        Assert.Equal(HttpMethod.Post, handler.LastRequest!.Method);
        Assert.Equal("application/json", handler.LastRequest.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("application/graphql-response+json, application/json; q=0.9", handler.LastRequest.Headers.Accept.ToString());
        Assert.Contains("\"operationName\":\"GetPilots\"", handler.LastBody);
        Assert.Contains("\"variables\":{\"first\":5}", handler.LastBody);
    }

    [Fact]
    public async Task A_null_variable_is_left_out_so_the_servers_default_applies()
    {
        var handler = new StubHandler(HttpStatusCode.OK, PilotsJson, "application/json");

        await Client(handler).GetPilots.ExecuteAsync(null);

        Assert.Contains("\"variables\":{}", handler.LastBody);
    }

    [Fact]
    public async Task A_502_with_an_HTML_page_is_an_HTTP_502_error()
    {
        var handler = new StubHandler(HttpStatusCode.BadGateway, "<html><body>Bad Gateway</body></html>", "text/html");

        var result = await Client(handler).GetPilots.ExecuteAsync(5);

        Assert.True(result.IsErrorResult());
        Assert.Null(result.Data);
        var error = Assert.Single(result.Errors);
        Assert.Equal("HTTP_502", error.Code);
        Assert.Contains("502 Bad Gateway (text/html", error.Message);
        var thrown = Assert.Throws<GraphQLClientException>(() => result.EnsureNoErrors());
        Assert.Contains("HTTP_502", thrown.Message);
    }

    [Fact]
    public async Task A_200_that_is_not_GraphQL_is_an_invalid_response()
    {
        var handler = new StubHandler(HttpStatusCode.OK, "<html>login page</html>", "text/html");

        var result = await Client(handler).GetPilots.ExecuteAsync(5);

        Assert.Equal(ClientErrorCodes.InvalidResponse, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Data_that_breaks_the_schemas_promises_is_an_invalid_response_not_a_null_reference()
    {
        // title is String! in the schema: a null must not reach user code as a null string.
        var handler = new StubHandler(HttpStatusCode.OK, PilotsJson.Replace("\"title\":\"X\"", "\"title\":null"), "application/json");

        var result = await Client(handler).GetPilots.ExecuteAsync(5);

        Assert.Null(result.Data);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.InvalidResponse, error.Code);
        Assert.IsType<Serialization.GraphQLResponseFormatException>(error.Exception);
    }

    [Fact]
    public async Task A_servers_errors_keep_their_code_message_and_path()
    {
        const string body = """{"errors":[{"message":"Not a valid id.","path":["node"],"extensions":{"code":"INVALID_ID"}}],"data":{"node":null}}""";
        var handler = new StubHandler(HttpStatusCode.OK, body, "application/graphql-response+json");

        var result = await Client(handler).GetNode.ExecuteAsync("nope");

        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_ID", error.Code);
        Assert.Equal("Not a valid id.", error.Message);
        Assert.Equal(["node"], error.Path!);
        Assert.NotNull(result.Data);
        Assert.Null(result.Data!.Node);
    }

    [Fact]
    public async Task A_400_GraphQL_response_keeps_the_servers_errors()
    {
        const string body = """{"errors":[{"message":"Syntax error.","extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}""";
        var handler = new StubHandler(HttpStatusCode.BadRequest, body, "application/graphql-response+json");

        var result = await Client(handler).GetPilots.ExecuteAsync(5);

        Assert.Equal("GRAPHQL_PARSE_FAILED", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_a_network_error()
    {
        var services = new ServiceCollection();
        services.AddSmartCityClient().ConfigureHttpClient(c => c.BaseAddress = new Uri($"http://127.0.0.1:{UnusedPort()}/graphql"));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ISmartCityClient>().GetPilots.ExecuteAsync(5);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.NetworkError, error.Code);
        Assert.IsType<HttpRequestException>(error.Exception);
    }

    [Fact]
    public async Task A_client_without_an_address_says_how_to_configure_one()
    {
        var services = new ServiceCollection();
        services.AddSmartCityClient();
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ISmartCityClient>().GetPilots.ExecuteAsync(5);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ClientErrorCodes.NotConfigured, error.Code);
        Assert.Contains("ConfigureHttpClient", error.Message);
    }

    [Fact]
    public async Task Cancelling_throws_as_usual()
    {
        var handler = new StubHandler(HttpStatusCode.OK, PilotsJson, "application/json");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(handler).GetPilots.ExecuteAsync(5, new CancellationToken(canceled: true)));
    }

    private static ISmartCityClient Client(HttpMessageHandler handler)
    {
        var services = new ServiceCollection();
        services.AddSmartCityClient().ConfigureHttpClient(
            c => c.BaseAddress = new Uri("http://graph.test/graphql"),
            builder => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        return services.BuildServiceProvider().GetRequiredService<ISmartCityClient>();
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
