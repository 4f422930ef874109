using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using SmartCityGraph.Client.Http;

namespace SmartCityGraph.Client.WebSockets;

/// <summary>
/// Subscriptions over one shared WebSocket with the <c>graphql-transport-ws</c> protocol (the one the
/// <c>graphql-ws</c> library speaks): opened with the first operation, closed after the last; ping answered
/// with pong. A broken connection ends every running operation with a <c>NETWORK_ERROR</c> result.
/// </summary>
public sealed class WebSocketGraphQLExecutor : IGraphQLSubscriptionExecutor, IAsyncDisposable, IDisposable
{
    private const string SubProtocol = "graphql-transport-ws";
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromSeconds(10);

    private readonly Func<CancellationToken, Task<WebSocket>> _connect;
    private readonly Func<CancellationToken, ValueTask<string?>>? _token;
    private readonly string _endpoint;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _operations = new();
    private readonly PersistedDocumentChoice _persistedDocuments;
    private Connection? _connection;
    private long _nextId;

    /// <param name="endpoint">The server's GraphQL address (for messages).</param>
    /// <param name="connect">Opens a WebSocket to the server that asked for <c>graphql-transport-ws</c>.</param>
    /// <param name="token">
    /// The bearer token, asked for each new socket and sent in <c>connection_init</c> as
    /// <c>{ "Authorization": "Bearer &lt;token&gt;" }</c> (the server signs the socket in with it as it does a request's header).
    /// </param>
    /// <param name="persistedDocuments">
    /// Whether a subscription is sent by its <c>documentId</c> (as over HTTP; with <see cref="PersistedDocumentsMode.Auto"/>
    /// a server that does not know the id gets the document instead, and this executor remembers that).
    /// </param>
    public WebSocketGraphQLExecutor(string endpoint, Func<CancellationToken, Task<WebSocket>> connect, Func<CancellationToken, ValueTask<string?>>? token = null,
        PersistedDocumentsMode persistedDocuments = PersistedDocumentsMode.Auto)
    {
        _endpoint = endpoint;
        _connect = connect;
        _token = token;
        _persistedDocuments = new PersistedDocumentChoice(persistedDocuments);
    }

    /// <summary>A connector with <see cref="ClientWebSocket"/>: <paramref name="endpoint"/> as ws(s), with the given request headers.</summary>
    public static Func<CancellationToken, Task<WebSocket>> ClientWebSocketConnector(Uri endpoint, IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null) =>
        async cancellationToken =>
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol(SubProtocol);
            foreach (var (name, values) in headers ?? [])
                socket.Options.SetRequestHeader(name, string.Join(", ", values));
            var address = new UriBuilder(endpoint) { Scheme = endpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
            try
            {
                await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <inheritdoc />
    public async IAsyncEnumerable<IOperationResult<TResult>> SubscribeAsync<TResult>(
        GraphQLOperationRequest request, Func<JsonElement, TResult> readData, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TResult : class
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Bounded: a caller that does not keep up slows the socket's reader, and the server drops a client too far behind.
        var messages = Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(256) { SingleReader = true });
        _operations[id] = messages;
        Connection? connection = null;
        IOperationResult<TResult>? failure = null;
        var byId = _persistedDocuments.SendsId(_endpoint, request);
        try
        {
            try
            {
                connection = await AcquireAsync(cancellationToken).ConfigureAwait(false);
                await connection.SendAsync(SubscribeMessage(id, request, byId), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or IOException or HttpRequestException or TimeoutException or InvalidOperationException)
            {
                failure = NetworkFailure<TResult>(e);
            }

            if (failure is not null)
            {
                yield return failure;
                yield break;
            }

            while (true)
            {
                JsonElement message;
                try
                {
                    message = await messages.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelClosedException e)
                {
                    failure = NetworkFailure<TResult>(e.InnerException ?? e);
                    break;
                }

                switch (message.GetProperty("type").GetString())
                {
                    case "next":
                        yield return ReadResult(message.GetProperty("payload"), readData);
                        break;
                    case "error":
                        var refused = GraphQLResponseReader.Read(HttpStatusCode.OK, null, GraphQLMediaTypes.Json, ErrorsAsResponse(message.GetProperty("payload")), readData);
                        if (byId && _persistedDocuments.FallsBack(_endpoint, request, refused))
                        {
                            // The server ended the operation without running it: subscribe again (the id is free) with the document.
                            byId = false;
                            await connection!.SendAsync(SubscribeMessage(id, request, byId), cancellationToken).ConfigureAwait(false);
                            break;
                        }
                        yield return refused;
                        _operations.TryRemove(id, out _);
                        yield break;
                    case "complete":
                        _operations.TryRemove(id, out _);
                        yield break;
                }
            }
        }
        finally
        {
            if (_operations.TryRemove(id, out _) && connection is not null)
            {
                // The caller stopped listening: tell the server.
                try { await connection.SendAsync(CompleteMessage(id), CancellationToken.None).ConfigureAwait(false); }
                catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException) { }
            }
            if (connection is not null)
                await ReleaseAsync(connection).ConfigureAwait(false);
        }

        if (failure is not null)
            yield return failure;
    }

    private IOperationResult<TResult> NetworkFailure<TResult>(Exception e) where TResult : class =>
        GraphQLResponseReader.Failure<TResult>(new ClientError(
            "The live connection to " + _endpoint + " failed: " + e.Message, ClientErrorCodes.NetworkError, Exception: e));

    private static IOperationResult<TResult> ReadResult<TResult>(JsonElement payload, Func<JsonElement, TResult> readData) where TResult : class =>
        GraphQLResponseReader.Read(HttpStatusCode.OK, null, GraphQLMediaTypes.Json, JsonSerializer.SerializeToUtf8Bytes(payload), readData);

    private async Task<Connection> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null || _connection.IsBroken)
                _connection = await Connection.OpenAsync(this, cancellationToken).ConfigureAwait(false);
            _connection.Users++;
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReleaseAsync(Connection connection)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (--connection.Users > 0)
                return;
            if (_connection == connection)
                _connection = null;
        }
        finally
        {
            _gate.Release();
        }
        await connection.CloseAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
            await connection.CloseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static byte[] SubscribeMessage(string id, GraphQLOperationRequest request, bool byId)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("type", "subscribe");
            json.WritePropertyName("payload");
            using var body = JsonDocument.Parse(request.ToJsonBody(byId));
            body.RootElement.WriteTo(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] CompleteMessage(string id) => JsonSerializer.SerializeToUtf8Bytes(new { id, type = "complete" });

    /// <summary>An <c>error</c> message's list of errors as a GraphQL response, for the usual reader.</summary>
    private static byte[] ErrorsAsResponse(JsonElement errors)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("errors");
            errors.WriteTo(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>One open, acknowledged socket and its reader, which routes messages to the operations by id.</summary>
    private sealed class Connection
    {
        private readonly WebSocket _socket;
        private readonly WebSocketGraphQLExecutor _owner;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private Task _reading = Task.CompletedTask;

        private Connection(WebSocket socket, WebSocketGraphQLExecutor owner)
        {
            _socket = socket;
            _owner = owner;
        }

        public int Users { get; set; }

        public bool IsBroken { get; private set; }

        public static async Task<Connection> OpenAsync(WebSocketGraphQLExecutor owner, CancellationToken cancellationToken)
        {
            var socket = await owner._connect(cancellationToken).ConfigureAwait(false);
            var connection = new Connection(socket, owner);
            try
            {
                var token = owner._token is null ? null : await owner._token(cancellationToken).ConfigureAwait(false);
                var init = token is { Length: > 0 }
                    ? JsonSerializer.SerializeToUtf8Bytes(new { type = "connection_init", payload = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } })
                    : Encoding.UTF8.GetBytes("{\"type\":\"connection_init\"}");
                await connection.SendAsync(init, cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AcknowledgementTimeout);
                var ack = await connection.ReceiveAsync(timeout.Token).ConfigureAwait(false);
                if (ack?.GetProperty("type").GetString() != "connection_ack")
                    throw new WebSocketException("The server did not acknowledge the connection (closed with " + (int?)socket.CloseStatus + " " + socket.CloseStatusDescription + ").");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Abort();
                socket.Dispose();
                throw new TimeoutException("The server did not acknowledge the connection within " + AcknowledgementTimeout.TotalSeconds + " s.");
            }
            catch
            {
                socket.Abort();
                socket.Dispose();
                throw;
            }
            connection._reading = Task.Run(connection.ReadAsync, CancellationToken.None);
            return connection;
        }

        public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        private async Task ReadAsync()
        {
            Exception? failure = null;
            try
            {
                while (await ReceiveAsync(CancellationToken.None).ConfigureAwait(false) is { } message)
                {
                    var type = message.GetProperty("type").GetString();
                    if (type == "ping")
                    {
                        await SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"pong\"}"), CancellationToken.None).ConfigureAwait(false);
                        continue;
                    }
                    if (message.TryGetProperty("id", out var id) && id.GetString() is { } key && _owner._operations.TryGetValue(key, out var operation))
                        await operation.Writer.WriteAsync(message).ConfigureAwait(false);
                }
                failure = new WebSocketException("The server closed the connection (" + (int?)_socket.CloseStatus + " " + _socket.CloseStatusDescription + ").");
            }
            catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or JsonException or ChannelClosedException)
            {
                failure = e;
            }
            IsBroken = true;
            foreach (var operation in _owner._operations.Values)
                operation.Writer.TryComplete(failure);
        }

        /// <summary>The next message, or null on the server's close frame.</summary>
        public async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                using var message = new MemoryStream();
                while (true)
                {
                    var received = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                        return null;
                    message.Write(buffer, 0, received.Count);
                    if (received.EndOfMessage)
                        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public async Task CloseAsync()
        {
            IsBroken = true;
            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Normal Closure", timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
            try
            {
                await _reading.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _socket.Abort();
            }
            _socket.Dispose();
        }
    }
}
