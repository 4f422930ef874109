using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmartCityGraph.GraphQL.Errors;
using CloseCodes = SmartCityGraph.GraphQL.Subscriptions.GraphQLTransportWs.CloseCodes;
using MessageTypes = SmartCityGraph.GraphQL.Subscriptions.GraphQLTransportWs.MessageTypes;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// One accepted WebSocket speaking <c>graphql-transport-ws</c> as the <c>graphql-ws</c> library's server does:
/// <c>connection_init</c> within the init timeout (else 4408), once (else 4429), before any <c>subscribe</c>
/// (else 4401); ping answered with pong; each <c>subscribe</c> runs as its own operation under a unique id
/// (else 4409) and ends with <c>complete</c> or <c>error</c>; a malformed message closes with 4400.
/// Messages leave through one bounded outbox drained by one writer, so a client that stops reading is
/// dropped (1013) instead of making the server buffer without bound; a message over the size cap closes with 1009.
/// </summary>
internal sealed class GraphQLWebSocketConnection : IDisposable
{
    private const int ReceiveChunkBytes = 4 * 1024;
    private const int MaxCloseReasonBytes = 123; // RFC 6455: the close frame's payload is at most 125 bytes

    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly GraphQLSubscriptionOptions _options;
    private readonly StreamingOperationExecutor _executor;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly IReadOnlyList<IGraphQLConnectionInitHandler> _initHandlers;
    private readonly ILogger _logger;

    private readonly Channel<byte[]> _outbox;
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new(); // awaited before the request (and its HttpContext) ends
    private readonly CancellationTokenSource _lifetime = new();   // cancelled when closing: ends every operation
    private readonly CancellationToken _ending;                    // _lifetime's token, readable after disposal
    private readonly SemaphoreSlim _sendLock = new(1, 1);         // a WebSocket allows one send at a time
    private CancellationTokenSource? _closeDeadline;
    private int _closeStarted;
    private volatile bool _initReceived;
    private bool _acknowledged;

    public GraphQLWebSocketConnection(
        WebSocket socket, HttpContext context, GraphQLSubscriptionOptions options, StreamingOperationExecutor executor,
        IGraphQLTextSerializer serializer, IReadOnlyList<IGraphQLConnectionInitHandler> initHandlers, ILogger logger)
    {
        _socket = socket;
        _context = context;
        _options = options;
        _executor = executor;
        _serializer = serializer;
        _initHandlers = initHandlers;
        _logger = logger;
        _ending = _lifetime.Token;
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxPendingMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: that is how a slow reader is noticed
        });
    }

    /// <summary>Serves the socket until it closes; <paramref name="serverStopping"/> closes it with 1001.</summary>
    public async Task RunAsync(CancellationToken serverStopping)
    {
        var writer = Task.Run(WriteOutboxAsync);
        var initTimeout = CloseUnlessInitialisedAsync();
        using var stopping = serverStopping.Register(() => _ = CloseAsync(CloseCodes.GoingAway, "Going away"));
        try
        {
            await ReceiveAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug("A GraphQL WebSocket ended without a close handshake: {Message}", exception.Message);
        }
        finally
        {
            _lifetime.Cancel();
            _outbox.Writer.TryComplete();
            await writer;
            await initTimeout;
            await Task.WhenAll(_running.Keys); // operations end promptly once cancelled; they use this request's HttpContext
        }
    }

    public void Dispose()
    {
        _lifetime.Dispose();
        _closeDeadline?.Dispose();
        _sendLock.Dispose();
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(_options.ConnectionInitTimeout, _lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (!_initReceived)
            await CloseAsync(CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
    }

    // ---- receiving ------------------------------------------------------------------------------------

    private async Task ReceiveAsync()
    {
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        var tooBig = false;
        while (true)
        {
            var chunk = message.GetMemory(ReceiveChunkBytes);
            var received = await _socket.ReceiveAsync(chunk, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                // The client closes (1000 when it is done): answer with its code, as the RFC asks.
                await CloseAsync((int?)_socket.CloseStatus ?? 1000, "");
                return;
            }

            if (!tooBig)
            {
                message.Advance(received.Count);
                if (message.WrittenCount > _options.MaxMessageBytes)
                {
                    tooBig = true;
                    await CloseAsync(CloseCodes.MessageTooBig, $"Message larger than {_options.MaxMessageBytes} bytes");
                }
            }
            if (!received.EndOfMessage)
                continue;

            if (!tooBig && _closeStarted == 0)
                await HandleAsync(message.WrittenMemory);
            message.ResetWrittenCount();
            if (message.Capacity > ReceiveChunkBytes * 4)
                message = new ArrayBufferWriter<byte>(ReceiveChunkBytes); // let one large message's buffer go
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        var message = GraphQLTransportWsMessage.TryParse(utf8, out var problem);
        if (message is null)
        {
            _logger.LogDebug("Invalid graphql-transport-ws message: {Problem}", problem);
            await CloseAsync(CloseCodes.BadRequest, "Invalid message received");
            return;
        }

        switch (message.Type)
        {
            case MessageTypes.ConnectionInit:
                await InitialiseAsync(message.Payload);
                return;
            case MessageTypes.Ping:
                Send(new OperationMessage { Type = MessageTypes.Pong, Payload = message.Payload });
                return;
            case MessageTypes.Pong:
                return; // an answer to nothing we asked, or a client's unsolicited keep-alive: fine
            case MessageTypes.Subscribe:
                await StartAsync(message.Id!, message.Payload!.Value);
                return;
            case MessageTypes.Complete:
                if (_operations.TryRemove(message.Id!, out var operation))
                    operation.Stop(); // the client stopped listening: no complete goes back
                return;
            default:
                // connection_ack, next and error are the server's to send.
                await CloseAsync(CloseCodes.BadRequest, $"Unexpected message of type {message.Type} received");
                return;
        }
    }

    private async Task InitialiseAsync(JsonElement? payload)
    {
        if (_initReceived)
        {
            await CloseAsync(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        _initReceived = true;

        var parameters = payload is { } json ? _serializer.ReadNode<Inputs>(json) : null;
        foreach (var handler in _initHandlers)
        {
            if (!await handler.OnConnectionInitAsync(_context, parameters, _lifetime.Token))
            {
                await CloseAsync(CloseCodes.Forbidden, "Forbidden");
                return;
            }
        }
        _acknowledged = true;
        Send(new OperationMessage { Type = MessageTypes.ConnectionAck });
    }

    private async Task StartAsync(string id, JsonElement payload)
    {
        if (!_acknowledged)
        {
            await CloseAsync(CloseCodes.Unauthorized, "Unauthorized");
            return;
        }
        if (_operations.ContainsKey(id))
        {
            await CloseAsync(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
            return;
        }
        if (_operations.Count >= _options.MaxOperationsPerConnection)
        {
            SendErrors(id, [new GraphQLRequestException(ErrorCodes.TooManySubscriptions,
                $"This connection already runs {_options.MaxOperationsPerConnection} operations, the most it may; complete one first.")]);
            return;
        }

        var operation = new Operation(id, _lifetime.Token);
        _operations[id] = operation;
        var running = RunAsync(operation, ReadRequest(payload));
        _running.TryAdd(running, 0);
        _ = running.ContinueWith(task => _running.TryRemove(task, out _), TaskScheduler.Default);
    }

    private GraphQLRequest ReadRequest(JsonElement payload)
    {
        var documentId = payload.TryGetProperty("documentId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        var query = payload.TryGetProperty("query", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        // The graphql-ws library (the protocol's reference client) insists on a string query, so a client subscribing by
        // id sends "" beside its documentId: that empty text stands for "no document".
        if (query is "" && documentId is not null) query = null;
        return new GraphQLRequest
        {
            Query = query,
            DocumentId = documentId,
            OperationName = payload.TryGetProperty("operationName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            Variables = ReadMap(payload, "variables"),
            Extensions = ReadMap(payload, "extensions"),
        };
    }

    private Inputs? ReadMap(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object ? _serializer.ReadNode<Inputs>(map) : null;

    // ---- operations -----------------------------------------------------------------------------------

    private async Task RunAsync(Operation operation, GraphQLRequest request)
    {
        try
        {
            await using var execution = await _executor.ExecuteAsync(_context, request, operation.Stopped);
            if (operation.Stopped.IsCancellationRequested)
                return;
            if (execution.IsRefused)
            {
                SendErrors(operation.Id, execution.Result.Errors ?? []);
                return;
            }
            if (execution.Stream is null)
            {
                Send(new OperationMessage { Id = operation.Id, Type = MessageTypes.Next, Payload = execution.Result });
                Send(new OperationMessage { Id = operation.Id, Type = MessageTypes.Complete });
                return;
            }

            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (execution.Stream.Subscribe(new StreamObserver(this, operation, ended)))
            using (operation.Stopped.Register(() => ended.TrySetResult()))
                await ended.Task;
        }
        catch (OperationCanceledException) when (operation.Stopped.IsCancellationRequested)
        {
            // completed by the client, or the connection closed
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "A GraphQL operation over WebSocket failed unexpectedly.");
            await CloseAsync(CloseCodes.InternalServerError, "Internal server error");
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
            operation.Dispose();
        }
    }

    /// <summary>Turns a subscription's results into <c>next</c> messages, its end into <c>complete</c> or <c>error</c>.</summary>
    private sealed class StreamObserver(GraphQLWebSocketConnection connection, Operation operation, TaskCompletionSource ended) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (!operation.Stopped.IsCancellationRequested)
                connection.Send(new OperationMessage { Id = operation.Id, Type = MessageTypes.Next, Payload = value });
        }

        public void OnError(Exception error)
        {
            if (!operation.Stopped.IsCancellationRequested)
                connection.SendErrors(operation.Id, [error as ExecutionError ?? new ExecutionError(error.Message, error)]);
            ended.TrySetResult();
        }

        public void OnCompleted()
        {
            if (!operation.Stopped.IsCancellationRequested)
                connection.Send(new OperationMessage { Id = operation.Id, Type = MessageTypes.Complete });
            ended.TrySetResult();
        }
    }

    /// <summary>A running operation: its id and the token that stops it (client's complete, or the connection closing).</summary>
    private sealed class Operation : IDisposable
    {
        private readonly CancellationTokenSource _stop;

        public Operation(string id, CancellationToken connectionClosing)
        {
            Id = id;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(connectionClosing);
            Stopped = _stop.Token;
        }

        public string Id { get; }

        public CancellationToken Stopped { get; }

        public void Stop()
        {
            try { _stop.Cancel(); }
            catch (ObjectDisposedException) { /* already ended */ }
        }

        public void Dispose() => _stop.Dispose();
    }

    // ---- sending --------------------------------------------------------------------------------------

    private void SendErrors(string id, IEnumerable<ExecutionError> errors)
    {
        var payload = new ExecutionErrors();
        payload.AddRange(errors);
        Send(new OperationMessage { Id = id, Type = MessageTypes.Error, Payload = payload });
    }

    /// <summary>Queues a message for the writer; a full outbox means the client stopped reading, and it is dropped.</summary>
    private void Send(OperationMessage message)
    {
        if (_ending.IsCancellationRequested)
            return;
        var frame = Encode(message);
        if (!_outbox.Writer.TryWrite(frame) && !_ending.IsCancellationRequested)
        {
            _logger.LogWarning("Dropping a GraphQL WebSocket client that fell {Count} messages behind.", _options.MaxPendingMessages);
            _ = CloseAsync(CloseCodes.TryAgainLater, "Slow consumer: too many unsent messages");
        }
    }

    /// <summary>The message as UTF-8 JSON in the library's member order: id, type, payload (each only when present).</summary>
    private byte[] Encode(OperationMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (message.Id is not null)
                json.WriteString("id", message.Id);
            json.WriteString("type", message.Type);
            if (message.Payload is not null)
            {
                json.WritePropertyName("payload");
                json.WriteRawValue(_serializer.Serialize(message.Payload), skipInputValidation: true);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private async Task WriteOutboxAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync())
            {
                await _sendLock.WaitAsync();
                try
                {
                    if (_closeStarted != 0)
                        return;
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _context.RequestAborted);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _lifetime.Cancel(); // the peer is gone
        }
    }

    /// <summary>
    /// Starts the closing handshake once (later calls do nothing): ends every operation, stops sending, sends
    /// the close frame and gives the client <see cref="GraphQLSubscriptionOptions.CloseTimeout"/> to answer.
    /// </summary>
    private async Task CloseAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
            return;
        try { _lifetime.Cancel(); }
        catch (ObjectDisposedException) { return; } // the connection has already ended
        _outbox.Writer.TryComplete();

        _closeDeadline = new CancellationTokenSource(_options.CloseTimeout);
        _closeDeadline.Token.Register(() => { if (_socket.State != WebSocketState.Closed) _socket.Abort(); });

        if (!await _sendLock.WaitAsync(_options.CloseTimeout))
        {
            _socket.Abort(); // a send is stuck on a client that does not read
            return;
        }
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, Truncate(reason), _closeDeadline.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes)
            return reason;
        var cut = reason.AsSpan();
        while (Encoding.UTF8.GetByteCount(cut) > MaxCloseReasonBytes - 3)
            cut = cut[..^1];
        return string.Concat(cut, "...");
    }
}
