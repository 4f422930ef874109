using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartCityGraph.Benchmarks;

/// <summary>One timed GraphQL POST: latency as the client sees it, plus the server's SQL count.</summary>
internal sealed class GraphQLRequester(HttpClient client)
{
    public sealed record Measurement(TimeSpan Latency, int SqlStatements, JsonNode Data);

    public async Task<Measurement> PostAsync(string query, object? variables = null, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("graphql", new { query, variables }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        stopwatch.Stop();

        var document = JsonNode.Parse(body) ?? throw new InvalidOperationException("empty response");
        if (!response.IsSuccessStatusCode || document["errors"] is JsonArray { Count: > 0 })
            throw new InvalidOperationException($"The request failed ({(int)response.StatusCode}): {Shorten(body)}");
        var sql = document["extensions"]?["sqlStatements"]?.GetValue<int>()
            ?? throw new InvalidOperationException("No extensions.sqlStatements: is Diagnostics:ReportSqlStatements on?");
        return new Measurement(stopwatch.Elapsed, sql, document["data"]!);
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
