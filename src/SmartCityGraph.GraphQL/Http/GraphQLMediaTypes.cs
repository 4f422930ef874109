using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>The response media types of the GraphQL-over-HTTP spec and the choice between them.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type from the Accept header. No Accept (a legacy client) and wildcards get
    /// <c>application/json</c>; <c>application/graphql-response+json</c> is used only when named and not
    /// out-ranked by q-values. Returns false when Accept names only types we cannot produce (→ 406).
    /// </summary>
    public static bool TryNegotiate(StringValues acceptHeader, out string mediaType)
    {
        mediaType = Json;
        if (StringValues.IsNullOrEmpty(acceptHeader))
            return true;
        if (!MediaTypeHeaderValue.TryParseList(acceptHeader, out var accepted) || accepted.Count == 0)
            return true; // an unreadable Accept is treated like a missing one rather than refused

        double graphQLResponseQuality = 0, jsonQuality = 0, wildcardQuality = 0;
        foreach (var range in accepted)
        {
            var quality = range.Quality ?? 1.0;
            if (range.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
                graphQLResponseQuality = Math.Max(graphQLResponseQuality, quality);
            else if (range.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
                jsonQuality = Math.Max(jsonQuality, quality);
            else if (range.MatchesAllTypes || range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
                wildcardQuality = Math.Max(wildcardQuality, quality);
        }

        // An explicit application/json range overrides what a wildcard says about it (RFC 9110 specificity).
        var effectiveJsonQuality = jsonQuality > 0 || HasExplicit(accepted, Json) ? jsonQuality : wildcardQuality;
        if (graphQLResponseQuality > 0 && graphQLResponseQuality >= effectiveJsonQuality)
        {
            mediaType = GraphQLResponseJson;
            return true;
        }
        return effectiveJsonQuality > 0;
    }

    /// <summary>The Content-Type header value for a response body in <paramref name="mediaType"/>.</summary>
    public static string WithUtf8Charset(string mediaType) => mediaType + "; charset=utf-8";

    private static bool HasExplicit(IList<MediaTypeHeaderValue> accepted, string mediaType) =>
        accepted.Any(range => range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase));
}
