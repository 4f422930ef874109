using Microsoft.AspNetCore.Http;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>Settings of the GraphQL-over-HTTP endpoint; the host binds them from configuration.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>The route <see cref="GraphQLHttpEndpointRouteBuilderExtensions.MapGraphQLHttp"/> uses when given none.</summary>
    public string Path { get; set; } = "/graphql";

    /// <summary>Largest accepted POST body; a larger one is answered with 413 before it is fully read.</summary>
    public long MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>How long one operation may run before it is cancelled and answered with a TIMEOUT error.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Writes the GraphQL IDE page for a browser's <c>GET</c> (Accept: text/html, no query).
    /// When null such a request gets 404.
    /// </summary>
    public Func<HttpContext, Task>? IdeHtmlProvider { get; set; }
}
