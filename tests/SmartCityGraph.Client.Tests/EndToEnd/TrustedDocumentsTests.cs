using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using SmartCityGraph.Client.Sample;
using SmartCityGraph.Client.WebSockets;

namespace SmartCityGraph.Client.Tests.EndToEnd;

/// <summary>A server with Security:TrustedDocumentsOnly=true, which has loaded the manifests in schema/persisted/.</summary>
public sealed class TrustedDocumentsServer : LiveServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TrustedDocumentsOnly", "true");
    }
}

/// <summary>The same server, and a client that never sends ids.</summary>
public sealed class DocumentsOnlyClientServer : LiveServer
{
    protected override PersistedDocumentsMode PersistedDocuments => PersistedDocumentsMode.Never;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TrustedDocumentsOnly", "true");
    }
}

public sealed class TrustedDocumentsTests(TrustedDocumentsServer server) : IClassFixture<TrustedDocumentsServer>
{
    [Fact]
    public async Task The_typed_client_keeps_working_when_the_server_runs_only_trusted_documents()
    {
        var pilots = (await server.Client.GetPilots.ExecuteAsync(10)).EnsureNoErrors().Pilots!;
        var page = (await server.Client.GetEvents.ExecuteAsync(2, null)).EnsureNoErrors().Events!;
        var node = (await server.Client.GetNode.ExecuteAsync(page.Nodes[0].Id)).EnsureNoErrors().Node;

        Assert.Equal(5, pilots.TotalCount);
        Assert.Equal(2, page.Nodes.Count);
        Assert.IsAssignableFrom<IGetNode_Node_Event>(node);
    }

    [Fact]
    public async Task An_ad_hoc_anonymous_document_is_refused_with_persisted_document_required()
    {
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Accept.ParseAdd("application/graphql-response+json");

        using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ pilots { totalCount } }" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Over_the_WebSocket_a_typed_clients_document_runs_by_its_id_and_an_ad_hoc_one_is_refused()
    {
        // Regression: the streaming transports dropped the documentId, so every anonymous operation there was refused.
        await using var socket = new WebSocketGraphQLExecutor(server.Server.BaseAddress + "graphql", async cancellationToken =>
        {
            var client = server.Server.CreateWebSocketClient();
            client.SubProtocols.Add("graphql-transport-ws");
            return await client.ConnectAsync(new Uri(server.Server.BaseAddress, "graphql"), cancellationToken);
        });
        static int ReadCount(JsonElement data) => data.GetProperty("pilots").GetProperty("totalCount").GetInt32();
        var typed = new GraphQLOperationRequest(GetPilotsQuery.OperationName, GetPilotsQuery.Document, w => w.WriteNumber("first", 1)) { DocumentId = GetPilotsQuery.DocumentId };
        var adHoc = new GraphQLOperationRequest("Count", "query Count { pilots { totalCount } }", null);

        var byId = await SingleAsync(socket.SubscribeAsync(typed, data => new Box(ReadCount(data)), CancellationToken.None));
        var refused = await SingleAsync(socket.SubscribeAsync(adHoc, data => new Box(ReadCount(data)), CancellationToken.None));

        Assert.Equal(5, byId.EnsureNoErrors().Value);
        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", Assert.Single(refused.Errors).Code);
    }

    [Fact]
    public async Task Over_the_WebSocket_an_empty_query_beside_a_documentId_runs_the_persisted_document()
    {
        // The graphql-ws library (which the TypeScript client uses) refuses to send a subscribe without a string query,
        // so a client subscribing by id sends "" beside the documentId.
        var client = server.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var socket = await client.ConnectAsync(new Uri(server.Server.BaseAddress, "graphql"), CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await SendAsync(socket, new { type = "connection_init" }, timeout.Token);
        Assert.Equal("connection_ack", (await ReceiveAsync(socket, timeout.Token)).GetProperty("type").GetString());

        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = "", documentId = GetPilotsQuery.DocumentId, variables = new { first = 1 } } }, timeout.Token);
        var next = await ReceiveAsync(socket, timeout.Token);

        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal(5, next.GetProperty("payload").GetProperty("data").GetProperty("pilots").GetProperty("totalCount").GetInt32());
    }

    private static Task SendAsync(System.Net.WebSockets.WebSocket socket, object message, CancellationToken ct) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), System.Net.WebSockets.WebSocketMessageType.Text, true, ct);

    private static async Task<JsonElement> ReceiveAsync(System.Net.WebSockets.WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        System.Net.WebSockets.WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, ct);
            message.Write(buffer, 0, received.Count);
        } while (!received.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    private sealed record Box(int Value);

    private static async Task<IOperationResult<T>> SingleAsync<T>(IAsyncEnumerable<IOperationResult<T>> results) where T : class
    {
        var list = new List<IOperationResult<T>>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var result in results.WithCancellation(timeout.Token)) list.Add(result);
        return Assert.Single(list);
    }

    [Fact]
    public void The_committed_manifest_holds_exactly_the_generated_clients_documents()
    {
        // The Sample's build writes schema/persisted/dotnet.json; a stale committed copy would leave the server without an operation.
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "schema", "persisted", "dotnet.json")))!;

        Assert.Equal(SmartCityClientPersistedDocuments.All.OrderBy(d => d.Key), manifest.OrderBy(d => d.Key));
        Assert.Equal(GetPilotsQuery.DocumentId, SmartCityClientPersistedDocuments.All.Single(d => d.Value == GetPilotsQuery.Document).Key);
    }

    [Fact]
    public void The_manifest_holds_the_documents_Watch_sends_under_the_ids_it_sends()
    {
        foreach (var document in new[] { GraphQLWatch.LatestRevisionDocument, GraphQLWatch.EntityChangesDocument, GraphQLWatch.RelationChangesDocument })
            Assert.Equal(document, SmartCityClientPersistedDocuments.All[GraphQLOperationRequest.DocumentIdOf(document)]);
    }
}

public sealed class DocumentsOnlyClientTests(DocumentsOnlyClientServer server) : IClassFixture<DocumentsOnlyClientServer>
{
    [Fact]
    public async Task A_client_configured_to_send_documents_is_refused_by_a_trusted_documents_only_server()
    {
        var result = await server.Client.GetPilots.ExecuteAsync(10);

        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", Assert.Single(result.Errors).Code);
    }
}
