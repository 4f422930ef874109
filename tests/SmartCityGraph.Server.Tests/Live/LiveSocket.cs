using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SmartCityGraph.Server.Tests.Live;

/// <summary>A graphql-transport-ws client for tests: connect (with a connection_init payload), subscribe, read messages.</summary>
internal sealed class LiveSocket : IAsyncDisposable
{
    private readonly WebSocket _socket;

    private LiveSocket(WebSocket socket) => _socket = socket;

    public static async Task<LiveSocket> ConnectAsync<T>(WebApplicationFactory<T> factory, object? initPayload = null) where T : class
    {
        var client = factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = new LiveSocket(await client.ConnectAsync(new Uri(factory.Server.BaseAddress, "graphql"), CancellationToken.None));
        await socket.SendAsync(new { type = "connection_init", payload = initPayload });
        var ack = await socket.ReceiveAsync();
        Assert.Equal("connection_ack", ack["type"]!.GetValue<string>());
        return socket;
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public Task SendAsync(object message) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next message (within <paramref name="within"/>, default 10 s).</summary>
    public async Task<JsonNode> ReceiveAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!;
    }

    /// <summary>The payload of the next <c>next</c> message; fails on anything else.</summary>
    public async Task<JsonNode> NextAsync(TimeSpan? within = null)
    {
        var message = await ReceiveAsync(within);
        Assert.True(message["type"]!.GetValue<string>() == "next", "Expected next, got " + message.ToJsonString());
        return message["payload"]!;
    }

    /// <summary>Nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task AssertSilentAsync(TimeSpan quiet)
    {
        try
        {
            var message = await ReceiveAsync(quiet);
            Assert.Fail("Expected no message, got " + message.ToJsonString());
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
    }
}
