using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Live;

/// <summary>The server's /graphql also speaks graphql-transport-ws and GraphQL over SSE, under the same limits.</summary>
public sealed class StreamingTransportTests(SeededSqliteServer server) : IClassFixture<SeededSqliteServer>
{
    [Fact]
    public async Task Answers_a_query_over_a_graphql_transport_ws_socket()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        Assert.Equal("connection_ack", (await ReceiveAsync(socket)).GetProperty("type").GetString());

        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"{ pilots { totalCount } }"}}""");
        var next = await ReceiveAsync(socket);
        var complete = await ReceiveAsync(socket);

        Assert.Equal(5, next.GetProperty("payload").GetProperty("data").GetProperty("pilots").GetProperty("totalCount").GetInt32());
        Assert.Equal("""{"id":"1","type":"complete"}""", complete.GetRawText());
    }

    [Fact]
    public async Task Holds_the_depth_limit_over_the_socket_as_over_HTTP()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init"}""");
        await ReceiveAsync(socket);
        var deep = "{ phases { nodes { " + string.Concat(Enumerable.Repeat("parent { ", 16)) + "title" + new string('}', 16) + " } } }";

        await SendAsync(socket, JsonSerializer.Serialize(new { id = "deep", type = "subscribe", payload = new { query = deep } }));
        var error = await ReceiveAsync(socket);

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("DEPTH_LIMIT_EXCEEDED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Answers_a_query_as_an_event_stream()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ pilots { totalCount } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: next\ndata: {\"data\":{\"pilots\":{\"totalCount\":5}}", body);
        Assert.EndsWith("event: complete\ndata:\n\n", body);
    }

    private async Task<WebSocket> ConnectAsync()
    {
        var client = server.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        return await client.ConnectAsync(new Uri(server.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
