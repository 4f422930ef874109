using System.Text;
using System.Threading.Channels;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.PersistedDocuments;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// GraphQL over Server-Sent Events in the protocol's distinct connections mode (as the <c>graphql-sse</c>
/// library speaks it): a GraphQL-over-HTTP request (POST, or GET for queries and subscriptions) that accepts
/// <c>text/event-stream</c> is answered with a stream of <c>event: next</c> (a result as data) ending in
/// <c>event: complete</c>; errors found before execution come as a <c>next</c> too. The client ends a
/// subscription by closing the connection. Comment lines keep an idle stream alive; events wait in a bounded
/// queue, and a client that falls too far behind is disconnected.
/// </summary>
public sealed class GraphQLServerSentEventsHandler(
    IOptions<GraphQLHttpOptions> httpOptions,
    IOptions<GraphQLSubscriptionOptions> options,
    SubscriptionConnectionLimiter limiter,
    StreamingOperationExecutor executor,
    IHostApplicationLifetime lifetime,
    ILogger<GraphQLServerSentEventsHandler> logger)
{
    public const string EventStreamMediaType = "text/event-stream";

    private const string KeepAliveComment = ":\n\n";
    private const string CompleteEvent = "event: complete\ndata:\n\n";

    /// <summary>A GET or POST whose Accept header names <c>text/event-stream</c>.</summary>
    public static bool IsEventStreamRequest(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method))
        && MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(range => range.MediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase) && range.Quality is not 0);

    public async Task HandleAsync(HttpContext context)
    {
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var read = await new GraphQLHttpRequestReader(serializer).ReadAsync(context.Request, httpOptions.Value.MaxRequestBytes);
        if (read.Error is { } error)
        {
            await GraphQLHttpHandler.WriteErrorAsync(context, error, GraphQLMediaTypes.Json);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && GetRequestDocument.Read(context.RequestServices, read.Request!.Query, read.Request.DocumentId, read.Request.OperationName).IsMutation)
        {
            await GraphQLHttpHandler.WriteErrorAsync(context, GraphQLHttpError.MutationOverGet(), GraphQLMediaTypes.Json);
            return;
        }

        using var slot = limiter.TryAcquire();
        if (slot is null)
        {
            logger.LogWarning("Refused a GraphQL event stream: {Max} streaming connections are open.", options.Value.MaxConnections);
            await StreamingTransportErrors.WriteTooManyConnectionsAsync(context, options.Value.MaxConnections);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = EventStreamMediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // tells reverse proxies not to hold events back
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var events = new EventQueue(options.Value.MaxPendingMessages, onOverflow: () =>
        {
            logger.LogWarning("Dropped a GraphQL event stream whose client fell {Count} events behind.", options.Value.MaxPendingMessages);
            context.Abort(); // also ends a write that is stuck on the client
        });
        events.TryWrite(KeepAliveComment); // sends the headers and a first byte at once
        var writing = WriteAsync(response, events.Reader, ending.Token);
        var keepingAlive = KeepAliveAsync(events, options.Value.KeepAliveInterval, ending.Token);
        try
        {
            await StreamAsync(context, read.Request!, serializer, events, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // the client went away, or the server is stopping
        }
        finally
        {
            events.Complete();
            await ending.CancelAsync(); // stops the keep-alive; the writer drains what is queued unless the client is gone
            await keepingAlive;
            await writing;
        }
    }

    private async Task StreamAsync(HttpContext context, global::GraphQL.Transport.GraphQLRequest request,
        IGraphQLTextSerializer serializer, EventQueue events, CancellationToken ending)
    {
        await using var execution = await executor.ExecuteAsync(context, request, ending);
        if (execution.Stream is null)
        {
            // A query, a mutation, or an operation refused before execution: one result, then complete.
            events.TryWrite(NextEvent(serializer.Serialize(execution.Result)));
            events.TryWrite(CompleteEvent);
            return;
        }

        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (execution.Stream.Subscribe(new StreamObserver(events, serializer, ended)))
        using (ending.Register(() => ended.TrySetResult()))
            await ended.Task;
    }

    private static string NextEvent(string json)
    {
        // Each line of the data needs its own "data:" prefix; compact JSON has none, but stay correct anyway.
        var data = json.Contains('\n') ? json.Replace("\r", "").Replace("\n", "\ndata: ") : json;
        return $"event: next\ndata: {data}\n\n";
    }

    private static async Task WriteAsync(HttpResponse response, ChannelReader<string> events, CancellationToken ending)
    {
        try
        {
            // Drains what is queued even after the stream completed; stops when the client is gone.
            await foreach (var text in events.ReadAllAsync(CancellationToken.None))
            {
                if (response.HttpContext.RequestAborted.IsCancellationRequested)
                    return;
                await response.WriteAsync(text, Encoding.UTF8, response.HttpContext.RequestAborted);
                await response.Body.FlushAsync(response.HttpContext.RequestAborted);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // the client went away
        }
    }

    private static async Task KeepAliveAsync(EventQueue events, TimeSpan interval, CancellationToken ending)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ending))
                events.TryWrite(KeepAliveComment);
        }
        catch (OperationCanceledException)
        {
            // the stream ended
        }
    }

    /// <summary>The bounded queue between results and the writer; the first write that finds it full calls <c>onOverflow</c>.</summary>
    private sealed class EventQueue(int capacity, Action onOverflow)
    {
        private readonly Channel<string> _channel = Channel.CreateBounded<string>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private int _closed;
        private volatile bool _overflowed;

        public ChannelReader<string> Reader => _channel.Reader;

        public bool Overflowed => _overflowed;

        public void TryWrite(string text)
        {
            if (Volatile.Read(ref _closed) != 0 || _channel.Writer.TryWrite(text))
                return;
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                _overflowed = true;
                _channel.Writer.TryComplete(); // nothing more is queued for a client this far behind
                onOverflow();
            }
        }

        public void Complete()
        {
            Interlocked.Exchange(ref _closed, 1);
            _channel.Writer.TryComplete();
        }
    }

    private sealed class StreamObserver(EventQueue events, IGraphQLTextSerializer serializer, TaskCompletionSource ended) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            events.TryWrite(NextEvent(serializer.Serialize(value)));
            if (events.Overflowed)
                ended.TrySetResult();
        }

        public void OnError(Exception error)
        {
            // The protocol has no error event: the errors come as a result, then the stream completes.
            var result = new ExecutionResult { Errors = [error as ExecutionError ?? new ExecutionError(error.Message, error)] };
            events.TryWrite(NextEvent(serializer.Serialize(result)));
            events.TryWrite(CompleteEvent);
            ended.TrySetResult();
        }

        public void OnCompleted()
        {
            events.TryWrite(CompleteEvent);
            ended.TrySetResult();
        }
    }
}
