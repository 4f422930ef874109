using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SmartCityGraph.Benchmarks;

/// <summary>One timed GraphQL POST: latency as the client sees it, plus the server's SQL count.</summary>
internal sealed class GraphQLRequester(HttpClient client)
{
    /// <summary><paramref name="Error"/> is the first error's code or message when the request failed.</summary>
    public sealed record Measurement(TimeSpan Latency, int SqlStatements, JsonNode? Data, string? Error);

    /// <summary>Like <see cref="PostAsync"/>, but throws when the request failed (for preparation steps).</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null, CancellationToken ct = default)
    {
        var measurement = await PostAsync(query, variables, ct);
        return measurement.Error is null ? measurement.Data! : throw new InvalidOperationException($"The request failed: {measurement.Error}");
    }

    public async Task<Measurement> PostAsync(string query, object? variables = null, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("graphql", new { query, variables }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        stopwatch.Stop();

        var document = JsonNode.Parse(body) ?? throw new InvalidOperationException("empty response");
        var sql = document["extensions"]?["sqlStatements"]?.GetValue<int>()
            ?? throw new InvalidOperationException($"No extensions.sqlStatements (is Diagnostics:ReportSqlStatements on?): {Shorten(body)}");
        var error = document["errors"] is JsonArray { Count: > 0 } errors
            ? errors[0]!["extensions"]?["code"]?.GetValue<string>() ?? errors[0]!["message"]?.GetValue<string>() ?? "error"
            : response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        return new Measurement(stopwatch.Elapsed, sql, document["data"], error);
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
