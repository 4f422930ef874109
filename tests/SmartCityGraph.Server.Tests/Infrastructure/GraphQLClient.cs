using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>Posts GraphQL requests as a client would and exposes the parsed answer.</summary>
public static class GraphQLClient
{
    public static async Task<GraphQLAnswer> PostGraphQLAsync(this HttpClient http, string query, object? variables = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(body)!.AsObject(), body);
    }
}

public sealed record GraphQLAnswer(int Status, string? MediaType, JsonObject Json, string Body)
{
    public JsonNode Data => Json["data"] ?? throw new InvalidOperationException("No data in: " + Body);
    public JsonArray? Errors => Json["errors"]?.AsArray();
    public IEnumerable<string?> ErrorCodes => Errors?.Select(e => e?["extensions"]?["code"]?.GetValue<string>()) ?? [];
    public int SqlStatements => Json["extensions"]!["sqlStatements"]!.GetValue<int>();

    /// <summary>Fails with the whole answer when the request produced errors.</summary>
    public GraphQLAnswer AssertNoErrors()
    {
        Assert.True(Errors is null || Errors.Count == 0, "Unexpected errors: " + Body);
        return this;
    }

    public override string ToString() => Body;
}

public static class JsonNodeExtensions
{
    public static string Text(this JsonNode? node) => node?.GetValue<string>() ?? throw new InvalidOperationException("null");
    public static IEnumerable<JsonNode> Items(this JsonNode? node) => node!.AsArray().Select(n => n!);
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Readable JSON for snapshots (umlauts stay umlauts).</summary>
    public static string ToIndentedJson(this JsonNode node) => node.ToJsonString(Indented);
}
