namespace SmartCityGraph.GraphQL.Errors;

/// <summary>
/// The values of <c>extensions.code</c> that clients may rely on (see the public contract).
/// Add codes freely; never rename one.
/// </summary>
public static class ErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string InvalidId = "INVALID_ID";
    public const string NotFound = "NOT_FOUND";
    public const string PageSizeExceeded = "PAGE_SIZE_EXCEEDED";
    public const string CostLimitExceeded = "COST_LIMIT_EXCEEDED";
    public const string DepthLimitExceeded = "DEPTH_LIMIT_EXCEEDED";
    public const string Timeout = "TIMEOUT";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string RateLimited = "RATE_LIMITED";
    public const string InvalidInput = "INVALID_INPUT";
    public const string BadRequest = "BAD_REQUEST";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string InternalError = "INTERNAL_SERVER_ERROR";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string DocumentTooLarge = "GRAPHQL_DOCUMENT_TOO_LARGE";
    public const string PersistedDocumentRequired = "PERSISTED_DOCUMENT_REQUIRED";
    public const string PersistedDocumentNotFound = "PERSISTED_DOCUMENT_NOT_FOUND";
    /// <summary>A WebSocket already runs as many operations as one connection may.</summary>
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";
    /// <summary>The server already holds as many WebSockets and event streams as it accepts (503).</summary>
    public const string TooManyConnections = "TOO_MANY_CONNECTIONS";

    /// <summary>Codes our own code raises; an error carrying one of them is passed to the client unchanged.</summary>
    public static readonly IReadOnlySet<string> Contract = new HashSet<string>
    {
        ParseFailed, ValidationFailed, InvalidId, NotFound, PageSizeExceeded, CostLimitExceeded,
        DepthLimitExceeded, Timeout, Unauthenticated, Forbidden, RateLimited, InvalidInput,
        BadRequest, PayloadTooLarge, InternalError, MethodNotAllowed, UnsupportedMediaType, NotAcceptable,
        DocumentTooLarge, PersistedDocumentRequired, PersistedDocumentNotFound,
        TooManySubscriptions, TooManyConnections,
    };
}
