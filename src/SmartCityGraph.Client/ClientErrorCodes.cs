namespace SmartCityGraph.Client;

/// <summary>
/// The codes of errors the client reports itself, when no GraphQL answer (or no readable one) came
/// back. Errors the server reports keep the server's code (INVALID_ID, NOT_FOUND, …).
/// </summary>
public static class ClientErrorCodes
{
    /// <summary>The server could not be reached or the connection broke (DNS, refused, reset, TLS).</summary>
    public const string NetworkError = "NETWORK_ERROR";

    /// <summary>The HttpClient's timeout passed before the server answered.</summary>
    public const string ClientTimeout = "CLIENT_TIMEOUT";

    /// <summary>The client has no server address: configure one with <c>ConfigureHttpClient(c => c.BaseAddress = …)</c>.</summary>
    public const string NotConfigured = "CLIENT_NOT_CONFIGURED";

    /// <summary>The server answered with something that is not a GraphQL response, or with data that does not match the operation.</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";

    /// <summary>The prefix of <c>HTTP_502</c>, <c>HTTP_404</c>, …: a non-success status without a GraphQL response.</summary>
    public const string HttpStatusPrefix = "HTTP_";

    /// <summary>The code for a non-success HTTP status without a GraphQL body, e.g. <c>HTTP_502</c>.</summary>
    public static string ForHttpStatus(int status) => HttpStatusPrefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
