using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// Shapes every error a client sees to <c>message</c> + <c>extensions.code</c> (locations and path are kept
/// by the serializer). Our own coded errors pass unchanged; GraphQL.NET's document errors get the contract
/// codes; anything else is an unexpected failure: logged with a trace id and shown only as that trace id,
/// so no exception text, type, stack trace or SQL reaches the client.
/// </summary>
public sealed class GraphQLErrorInfoProvider(
    ILogger<GraphQLErrorInfoProvider> logger,
    IHttpContextAccessor? httpContextAccessor = null) : ErrorInfoProvider
{
    public const string UnexpectedErrorMessage = "An unexpected error occurred.";
    public const string TimeoutMessage = "The operation took too long and was cancelled.";

    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        return executionError switch
        {
            // First: GraphQL.NET derives an unhandled error's Code from the exception type's name, so a
            // System.TimeoutException would otherwise pose as our TIMEOUT and escape logging.
            // The parser refuses a document nested deeper than it allows by throwing, which GraphQL.NET reports
            // as unhandled; to the client it is a document that does not parse.
            UnhandledError when IsTooDeepToParse(executionError) =>
                Info("The document is nested too deeply to parse.", ErrorCodes.ParseFailed),
            UnhandledError => Unexpected(executionError),
            { Code: { } code } when ErrorCodes.Contract.Contains(code) => Info(executionError.Message, code, executionError.Extensions),
            SyntaxError => Info(executionError.Message, ErrorCodes.ParseFailed),
            // Everything else found while validating the document or its variables, including an unknown operationName.
            DocumentError => Info(executionError.Message, ErrorCodes.ValidationFailed),
            RequestError => Info(executionError.Message, ErrorCodes.BadRequest),
            TimeoutError => Info(TimeoutMessage, ErrorCodes.Timeout),
            _ => Unexpected(executionError),
        };
    }

    /// <summary>
    /// The <c>extensions.code</c> <paramref name="error"/> is sent with (what <see cref="GetInfo"/> decides, without its
    /// logging), for telemetry.
    /// </summary>
    public static string CodeOf(ExecutionError error) => error switch
    {
        UnhandledError when IsTooDeepToParse(error) => ErrorCodes.ParseFailed,
        UnhandledError => ErrorCodes.InternalError,
        { Code: { } code } when ErrorCodes.Contract.Contains(code) => code,
        SyntaxError => ErrorCodes.ParseFailed,
        DocumentError => ErrorCodes.ValidationFailed,
        RequestError => ErrorCodes.BadRequest,
        TimeoutError => ErrorCodes.Timeout,
        _ => ErrorCodes.InternalError,
    };

    /// <summary>Whether <paramref name="error"/> is the parser's refusal of a document nested beyond its maximum depth.</summary>
    internal static bool IsTooDeepToParse(ExecutionError error) =>
        error.InnerException is GraphQLParser.Exceptions.GraphQLMaxDepthExceededException;

    private ErrorInfo Unexpected(ExecutionError error)
    {
        var traceId = CurrentTraceId();
        logger.LogError(error.InnerException ?? error,
            "Unexpected GraphQL error at path {Path} (trace id {TraceId}): {Message}",
            error.Path is null ? "(none)" : string.Join('.', error.Path), traceId, error.Message);
        return Info($"{UnexpectedErrorMessage} Trace id: {traceId}", ErrorCodes.InternalError);
    }

    /// <summary>Same choice as ASP.NET Core's ProblemDetails: the W3C activity id, else the request's id.</summary>
    private string CurrentTraceId() =>
        Activity.Current?.Id ?? httpContextAccessor?.HttpContext?.TraceIdentifier ?? ActivityTraceId.CreateRandom().ToHexString();

    private static ErrorInfo Info(string message, string code, IDictionary<string, object?>? deliberateExtensions = null)
    {
        // Only extensions our own code attached on purpose survive; the code always wins.
        var extensions = deliberateExtensions is null
            ? new Dictionary<string, object?>()
            : new Dictionary<string, object?>(deliberateExtensions);
        extensions["code"] = code;
        return new ErrorInfo { Message = message, Extensions = extensions };
    }
}
