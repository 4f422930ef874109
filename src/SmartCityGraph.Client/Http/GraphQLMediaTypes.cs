namespace SmartCityGraph.Client.Http;

internal static class GraphQLMediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";

    public const string Json = "application/json";

    /// <summary>JSON-ish media types whose body may be a GraphQL response.</summary>
    public static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
