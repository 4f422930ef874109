using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SmartCityGraph.GraphQL.Documents;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.PersistedDocuments;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// The GraphQL-over-HTTP endpoint: routes SDL and IDE requests, negotiates the media type, reads the
/// request, executes it through the DI-registered GraphQL.NET services under a timeout and writes the result.
/// </summary>
public sealed class GraphQLHttpHandler(IOptions<GraphQLHttpOptions> options, ILogger<GraphQLHttpHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            await WriteErrorAsync(context, GraphQLHttpError.MethodNotAllowed(request.Method), GraphQLMediaTypes.Json);
            return;
        }

        if (isGet && request.Query.ContainsKey("sdl"))
        {
            await WriteSdlAsync(context);
            return;
        }

        if (isGet && !request.Query.ContainsKey("query") && AcceptsHtml(request))
        {
            await ServeIdeAsync(context);
            return;
        }

        if (!GraphQLMediaTypes.TryNegotiate(request.Headers.Accept, out var mediaType))
        {
            await WriteErrorAsync(context, GraphQLHttpError.NotAcceptable(), GraphQLMediaTypes.Json);
            return;
        }

        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var read = await new GraphQLHttpRequestReader(serializer).ReadAsync(request, options.Value.MaxRequestBytes);
        if (read.Error is { } error)
        {
            await WriteErrorAsync(context, error, mediaType);
            return;
        }

        await ExecuteAsync(context, read.Request!, mediaType, serializer);
    }

    private async Task ExecuteAsync(HttpContext context, GraphQLRequest request, string mediaType, IGraphQLTextSerializer serializer)
    {
        var services = context.RequestServices;
        var executionOptions = new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = context.User,
            // Concurrent: after a timeout, validation may still be writing to it while the answer is prepared.
            UserContext = new System.Collections.Concurrent.ConcurrentDictionary<string, object?>(),
        };

        // The clock starts before anything looks at the document, so parsing, validation, the interceptors'
        // own async work and execution are all bounded by it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.Value.ExecutionTimeout);
        executionOptions.CancellationToken = timeout.Token;

        if (HttpMethods.IsGet(context.Request.Method))
        {
            var (document, isMutation) = GetRequestDocument.Read(services, request.Query, request.DocumentId, request.OperationName);
            if (isMutation)
            {
                await WriteErrorAsync(context, GraphQLHttpError.MutationOverGet(), mediaType);
                return;
            }
            if (request.Query is not null)
                executionOptions.Document = document; // spares a second parse; null lets execution report the syntax error
        }

        var interceptors = services.GetServices<IGraphQLRequestInterceptor>().ToList();
        ExecutionResult? result = null;
        try
        {
            foreach (var interceptor in interceptors)
                await interceptor.OnRequestAsync(context, executionOptions);
            // A document the cache holds is neither parsed nor validated again (the cost rule alone runs on it), and
            // execution watches the deadline itself: it runs on this thread, sparing a hop to another.
            var validated = PersistedDocumentStore.TextOf(services, executionOptions.Query, executionOptions.DocumentId) is { } text
                            && services.GetService<ValidatedDocumentCache>() is { } documents && documents.TryGet(text, out _);
            result = await ExecuteWithinDeadlineAsync(context, services.GetRequiredService<IDocumentExecuter>(), executionOptions, validated, timeout.Token);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogDebug("The client went away before the GraphQL request finished.");
            await DrainAsync(context);
            return;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // answered below
        }
        if (result is null || (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested))
        {
            // Work cut off by the deadline can also surface as resolver errors (an interrupted SQL
            // statement) rather than as a cancellation: past the limit, the answer is the limit.
            logger.LogWarning("A GraphQL request exceeded the execution timeout of {Timeout}.", options.Value.ExecutionTimeout);
            result = TimeoutResult();
        }

        foreach (var interceptor in interceptors)
            await interceptor.OnResultAsync(context, executionOptions, result);

        await WriteResultAsync(context, result, GraphQLResponseStatus.For(result, mediaType), mediaType, serializer);
        await DrainAsync(context);
    }

    /// <summary>
    /// Runs the executer on the thread pool (<paramref name="validated"/> documents on this thread) and stops waiting at
    /// the deadline. Parsing and validation do not watch the cancellation token, so without this a document that is slow
    /// to validate would hold the request (and a core) far past the limit. Work still running at the deadline goes on in the background, bounded by
    /// the document limits, and is awaited after the TIMEOUT answer has been sent (<see cref="DrainAsync"/>)
    /// so that the request's scoped services (its pooled DbContext) are not returned while still in use.
    /// </summary>
    private static async Task<ExecutionResult> ExecuteWithinDeadlineAsync(
        HttpContext context, IDocumentExecuter executer, ExecutionOptions executionOptions, bool validated, CancellationToken deadline)
    {
        var execution = validated
            ? executer.ExecuteAsync(executionOptions)
            : Task.Run(() => executer.ExecuteAsync(executionOptions), CancellationToken.None);
        if (execution.IsCompleted)
            return await execution;
        try
        {
            return await execution.WaitAsync(deadline);
        }
        catch (OperationCanceledException) when (!execution.IsCompleted)
        {
            context.Items[UnfinishedExecutionKey] = execution;
            throw;
        }
    }

    private static readonly object UnfinishedExecutionKey = new();

    /// <summary>Waits for work that outlived its answer (see <see cref="ExecuteWithinDeadlineAsync"/>), ignoring its outcome.</summary>
    private async Task DrainAsync(HttpContext context)
    {
        if (context.Items[UnfinishedExecutionKey] is not Task execution)
            return;
        try
        {
            await context.Response.CompleteAsync();
            await execution;
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Work cut off by the execution timeout ended with an exception.");
        }
    }

    /// <summary>
    /// A timeout cancels an operation that has begun executing, so the answer is the one for a failed
    /// execution: <c>data: null</c> with the TIMEOUT error and 200 under both media types (never a 5xx).
    /// </summary>
    private static ExecutionResult TimeoutResult() => new()
    {
        Executed = true,
        Data = null,
        Errors = [new GraphQLRequestException(ErrorCodes.Timeout, GraphQLErrorInfoProvider.TimeoutMessage)],
    };

    private static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(range => range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private Task ServeIdeAsync(HttpContext context)
    {
        if (options.Value.IdeHtmlProvider is { } ide)
            return ide(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static async Task WriteSdlAsync(HttpContext context)
    {
        var schema = context.RequestServices.GetRequiredService<ISchema>();
        schema.Initialize();
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(schema.Print(), context.RequestAborted);
    }

    internal static Task WriteErrorAsync(HttpContext context, GraphQLHttpError error, string mediaType)
    {
        if (error.Allow is not null)
            context.Response.Headers.Allow = error.Allow;
        var result = new ExecutionResult(new GraphQLRequestException(error.Code, error.Message));
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        return WriteResultAsync(context, result, error.StatusCode, mediaType, serializer);
    }

    private static async Task WriteResultAsync(HttpContext context, ExecutionResult result, int statusCode, string mediaType, IGraphQLTextSerializer serializer)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = GraphQLMediaTypes.WithUtf8Charset(mediaType);
        // With its length, in one write: the headers and the answer leave in one segment (not chunked, with a last chunk after).
        await using var body = new SizedResponseBody(context.Response);
        await serializer.WriteAsync(body, result, context.RequestAborted);
        await body.CompleteAsync(context.RequestAborted);
    }
}
