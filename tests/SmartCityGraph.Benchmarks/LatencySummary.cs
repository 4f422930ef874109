namespace SmartCityGraph.Benchmarks;

/// <summary>Percentiles of one scenario's latencies and its SQL statements per request.</summary>
internal sealed record LatencySummary(
    int Entities, string Scenario, int Requests, double P50, double P90, double P99, double Max, string SqlStatements, string Errors)
{
    public static LatencySummary From(
        int entities, string scenario, IReadOnlyList<double> milliseconds, IReadOnlyList<int> sqlCounts, IReadOnlyDictionary<string, int> errors)
    {
        var sorted = milliseconds.Order().ToArray();
        // Nearest-rank percentiles: with 200 samples p99 is the 198th value, not an interpolation.
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var min = sqlCounts.Min();
        var max = sqlCounts.Max();
        return new LatencySummary(entities, scenario, sorted.Length, Percentile(0.50), Percentile(0.90), Percentile(0.99), sorted[^1],
            min == max ? $"{min}" : $"{min}–{max}",
            errors.Count == 0 ? "0" : string.Join(", ", errors.Select(e => $"{e.Value} {e.Key}")));
    }

    public static string MarkdownTable(IEnumerable<LatencySummary> rows)
    {
        var lines = new List<string>
        {
            "| Entities | Scenario | Requests | p50 ms | p90 ms | p99 ms | max ms | SQL statements / request | Errors |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Entities:N0} | {r.Scenario} | {r.Requests} | {r.P50:F1} | {r.P90:F1} | {r.P99:F1} | {r.Max:F1} | {r.SqlStatements} | {r.Errors} |"));
        return string.Join(Environment.NewLine, lines);
    }

    public override string ToString() =>
        $"{Entities:N0} {Scenario}: n={Requests} p50={P50:F1} p90={P90:F1} p99={P99:F1} max={Max:F1} ms, sql={SqlStatements}, errors={Errors}";
}
