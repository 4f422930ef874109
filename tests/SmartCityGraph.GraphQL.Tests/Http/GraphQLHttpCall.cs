using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>What a test needs of a response: status, content type, headers and the parsed JSON body.</summary>
public sealed record GraphQLHttpResponse(HttpStatusCode Status, string? ContentType, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public JsonElement[] Errors => Json.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    public string[] ErrorCodes => [.. Errors.Select(error => error.GetProperty("extensions").GetProperty("code").GetString()!)];

    public string? SingleErrorCode => Assert.Single(ErrorCodes);
}

/// <summary>Small helpers to send GraphQL requests the way clients do.</summary>
public static class GraphQLHttpCall
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static Task<GraphQLHttpResponse> PostJsonAsync(this HttpClient client, string json, string? accept = GraphQLResponseJson, string contentType = "application/json") =>
        client.SendAsync(HttpMethod.Post, "", accept, new StringContent(json, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)));

    public static Task<GraphQLHttpResponse> PostQueryAsync(this HttpClient client, string query, object? variables = null, string? accept = GraphQLResponseJson) =>
        client.PostJsonAsync(JsonSerializer.Serialize(new { query, variables }), accept);

    public static Task<GraphQLHttpResponse> GetGraphQLAsync(this HttpClient client, string queryString, string? accept = GraphQLResponseJson) =>
        client.SendAsync(HttpMethod.Get, queryString, accept, content: null);

    public static async Task<GraphQLHttpResponse> SendAsync(this HttpClient client, HttpMethod method, string relative, string? accept, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, relative) { Content = content };
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLHttpResponse(response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Headers, response.Content.Headers, body);
    }

    public static string Query(string query) => "?query=" + Uri.EscapeDataString(query);
}
