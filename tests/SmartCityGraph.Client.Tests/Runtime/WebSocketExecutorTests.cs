using System.Net.WebSockets;
using System.Text.Json;
using SmartCityGraph.Client.Tests.EndToEnd;
using SmartCityGraph.Client.WebSockets;

namespace SmartCityGraph.Client.Tests.Runtime;

/// <summary>The client's graphql-transport-ws executor against the real server in-process.</summary>
public sealed class WebSocketExecutorTests(LiveServer server) : IClassFixture<LiveServer>
{
    private sealed record PilotCount(int TotalCount);

    private static PilotCount ReadCount(JsonElement data) => new(data.GetProperty("pilots").GetProperty("totalCount").GetInt32());

    private WebSocketGraphQLExecutor CreateExecutor(string? token = null) =>
        new(server.Server.BaseAddress + "graphql", async cancellationToken =>
        {
            var client = server.Server.CreateWebSocketClient();
            client.SubProtocols.Add("graphql-transport-ws");
            return await client.ConnectAsync(new Uri(server.Server.BaseAddress, "graphql"), cancellationToken);
        }, token is null ? null : _ => new ValueTask<string?>(token));

    [Fact]
    public async Task Sends_its_token_in_connection_init_so_the_socket_is_signed_in_as_a_request_with_the_header()
    {
        var token = SmartCityGraph.Server.SignIn.TokenIssuer.Issue(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(LiveServer.SigningKey)), "Socket Editor", "editor", TimeSpan.FromHours(1));
        // Without sources the change is refused as a ValidationError — after sign-in, and nothing is stored.
        var request = new GraphQLOperationRequest("Unsourced",
            "mutation Unsourced { createEvent(input: { title: \"x\", startDate: \"2023-01-01\", category: NETWORK, sources: [] }) { errors { __typename } } }", null);
        static string ReadError(JsonElement data) => data.GetProperty("createEvent").GetProperty("errors")[0].GetProperty("__typename").GetString()!;

        await using var signedIn = CreateExecutor(token);
        await using var anonymous = CreateExecutor();
        var withToken = Assert.Single(await ToListAsync(signedIn.SubscribeAsync(request, ReadError, CancellationToken.None)));
        var without = Assert.Single(await ToListAsync(anonymous.SubscribeAsync(request, ReadError, CancellationToken.None)));

        Assert.Equal("ValidationError", withToken.Data);
        Assert.Equal("UNAUTHENTICATED", Assert.Single(without.Errors).Code);
    }

    [Fact]
    public async Task Runs_operations_over_one_socket_and_yields_their_results()
    {
        await using var executor = CreateExecutor();
        var request = new GraphQLOperationRequest("Count", "query Count { pilots { totalCount } }", null);

        var first = await ToListAsync(executor.SubscribeAsync(request, ReadCount, CancellationToken.None));
        var second = await ToListAsync(executor.SubscribeAsync(request, ReadCount, CancellationToken.None));

        Assert.Equal(5, Assert.Single(first).Data!.TotalCount);
        Assert.Equal(5, Assert.Single(second).Data!.TotalCount);
    }

    [Fact]
    public async Task Reports_a_refused_operation_as_a_result_with_the_servers_errors()
    {
        await using var executor = CreateExecutor();
        var request = new GraphQLOperationRequest("Bad", "query Bad { noSuchField }", null);

        var result = Assert.Single(await ToListAsync(executor.SubscribeAsync(request, ReadCount, CancellationToken.None)));

        Assert.Null(result.Data);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task An_id_the_server_does_not_know_is_sent_again_as_the_document_and_remembered()
    {
        await using var executor = CreateExecutor();
        const string document = "query Count { pilots { totalCount } }";
        var request = new GraphQLOperationRequest("Count", document, null) { DocumentId = GraphQLOperationRequest.DocumentIdOf(document) };

        var first = Assert.Single(await ToListAsync(executor.SubscribeAsync(request, ReadCount, CancellationToken.None)));
        var second = Assert.Single(await ToListAsync(executor.SubscribeAsync(request, ReadCount, CancellationToken.None)));

        Assert.Equal(5, first.EnsureNoErrors().TotalCount);
        Assert.Equal(5, second.EnsureNoErrors().TotalCount);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_NETWORK_ERROR_result_not_an_exception()
    {
        await using var executor = new WebSocketGraphQLExecutor("ws://127.0.0.1:9/graphql",
            WebSocketGraphQLExecutor.ClientWebSocketConnector(new Uri("http://127.0.0.1:9/graphql")));
        var request = new GraphQLOperationRequest("Count", "query Count { pilots { totalCount } }", null);

        var result = Assert.Single(await ToListAsync(executor.SubscribeAsync(request, ReadCount, CancellationToken.None)));

        Assert.Equal(ClientErrorCodes.NetworkError, Assert.Single(result.Errors).Code);
    }

    private static async Task<List<IOperationResult<T>>> ToListAsync<T>(IAsyncEnumerable<IOperationResult<T>> results) where T : class
    {
        var list = new List<IOperationResult<T>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var result in results.WithCancellation(timeout.Token))
            list.Add(result);
        return list;
    }
}
