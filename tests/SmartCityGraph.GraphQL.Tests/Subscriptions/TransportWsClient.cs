using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

/// <summary>A raw WebSocket client for protocol tests: sends any text, reads messages and the close frame.</summary>
public sealed class TransportWsClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;

    private TransportWsClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<TransportWsClient> ConnectAsync(Uri endpoint, string? subProtocol = "graphql-transport-ws")
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
            socket.Options.AddSubProtocol(subProtocol);
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(endpoint, timeout.Token);
        return new TransportWsClient(socket);
    }

    /// <summary>Connects, sends connection_init and expects connection_ack.</summary>
    public static async Task<TransportWsClient> ConnectAndInitAsync(Uri endpoint)
    {
        var client = await ConnectAsync(endpoint);
        await client.SendAsync("""{"type":"connection_init"}""");
        var ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        return client;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] utf8, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(utf8, type, endOfMessage: true, timeout.Token);
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(JsonSerializer.Serialize(new { id, type = "subscribe", payload = new { query, variables } }));

    /// <summary>The next message as JSON; fails on a close frame or after the timeout.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        var message = await ReceiveMessageOrCloseAsync(timeout ?? DefaultTimeout);
        return message ?? throw new Xunit.Sdk.XunitException(
            $"Expected a message, but the server closed with {(int?)_socket.CloseStatus} '{_socket.CloseStatusDescription}'.");
    }

    /// <summary>Receives the next message and compares its JSON text, showing both in full when they differ.</summary>
    public async Task ExpectAsync(string expectedJson) => AssertJson(expectedJson, await ReceiveAsync());

    /// <summary>Compares a message's JSON text, showing both in full when they differ.</summary>
    public static void AssertJson(string expectedJson, JsonElement actual)
    {
        var text = actual.GetRawText();
        if (text != expectedJson)
            Assert.Fail($"Expected message{Environment.NewLine}  {expectedJson}{Environment.NewLine}but received{Environment.NewLine}  {text}");
    }

    /// <summary>Reads (and discards) messages until the server's close frame; returns its code and reason.</summary>
    public async Task<(int Code, string? Reason)> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (await ReceiveMessageOrCloseAsync(deadline - DateTime.UtcNow) is not null)
        {
        }
        return ((int)_socket.CloseStatus!.Value, _socket.CloseStatusDescription);
    }

    /// <summary>Asserts that nothing arrives within <paramref name="quiet"/>.</summary>
    public async Task ExpectSilenceAsync(TimeSpan quiet)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(quiet);
        var receive = _socket.ReceiveAsync(buffer, timeout.Token);
        try
        {
            var result = await receive;
            Assert.Fail($"Expected silence, received: {Encoding.UTF8.GetString(buffer, 0, result.Count)}");
        }
        catch (OperationCanceledException)
        {
            // silence; note that a cancelled receive aborts the socket, so this ends the client's use
        }
    }

    private async Task<JsonElement?> ReceiveMessageOrCloseAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1));
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        }
    }

    /// <summary>Closes normally (1000), as a client does when it is done.</summary>
    public async Task CloseAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Normal Closure", timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // already gone
        }
        _socket.Dispose();
    }
}
