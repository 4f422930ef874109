using System.Diagnostics;

namespace SmartCityGraph.Benchmarks;

/// <summary>
/// Warms a scenario up, then sends its requests one after another (latency, not throughput).
/// A scenario stops early when its time budget is spent; the table then shows how many ran.
/// Failed requests (e.g. the server's execution timeout) are counted and still timed.
/// </summary>
internal sealed class ScenarioRunner(GraphQLRequester requester, int warmup, int requests, TimeSpan budget)
{
    public async Task<LatencySummary> RunAsync(int entities, Scenario scenario, CancellationToken ct)
    {
        var variables = scenario.PrepareAsync is null ? null : await scenario.PrepareAsync(requester, ct);
        var spent = Stopwatch.StartNew();
        bool InBudget() => spent.Elapsed < budget && !ct.IsCancellationRequested;
        // Warm-up may take a quarter of the budget, so a slow scenario still gets measured.
        for (var i = 0; i < warmup && spent.Elapsed < budget / 4 && !ct.IsCancellationRequested; i++)
            await requester.PostAsync(scenario.Query, variables, ct);

        var latencies = new List<double>(requests);
        var sqlCounts = new List<int>(requests);
        var errors = new Dictionary<string, int>();
        // At least one measured request, even when the warm-up used up the budget.
        for (var i = 0; i < requests && (i == 0 || InBudget()); i++)
        {
            var measurement = await requester.PostAsync(scenario.Query, variables, ct);
            latencies.Add(measurement.Latency.TotalMilliseconds);
            sqlCounts.Add(measurement.SqlStatements);
            if (measurement.Error is { } error) errors[error] = errors.GetValueOrDefault(error) + 1;
        }
        return LatencySummary.From(entities, scenario.Name, latencies, sqlCounts, errors);
    }

    /// <summary>
    /// Throughput: <paramref name="clients"/> concurrent clients (each its own keep-alive connection, spread over the
    /// instances' requesters in turn) send <paramref name="total"/> requests of the scenario as fast as answers come.
    /// </summary>
    public static async Task<ThroughputSummary> ThroughputAsync(
        int entities, int instances, Scenario scenario, IReadOnlyList<GraphQLRequester> requesters, int clients, int total, CancellationToken ct)
    {
        var variables = scenario.PrepareAsync is null ? null : await scenario.PrepareAsync(requesters[0], ct);
        // A short warm-up at full concurrency, so the pools and JIT are at steady state.
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => requesters[c % requesters.Count].PostAsync(scenario.Query, variables, ct)));
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var requester = requesters[c % requesters.Count];
            while (Interlocked.Increment(ref next) < total && !ct.IsCancellationRequested)
            {
                var measurement = await requester.PostAsync(scenario.Query, variables, ct);
                latencies.Add(measurement.Latency.TotalMilliseconds);
                if (measurement.Error is not null) Interlocked.Increment(ref errors);
            }
        }));
        clock.Stop();
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new ThroughputSummary(entities, instances, scenario.Name, clients, sorted.Length, sorted.Length / clock.Elapsed.TotalSeconds,
            Percentile(0.5), Percentile(0.99), errors);
    }
}

internal sealed record ThroughputSummary(
    int Entities, int Instances, string Scenario, int Clients, int Requests, double RequestsPerSecond, double P50, double P99, int Errors)
{
    public static string MarkdownTable(IEnumerable<ThroughputSummary> rows)
    {
        var lines = new List<string>
        {
            "| Entities | Instances | Scenario | Clients | Requests | req/s | p50 ms | p99 ms | Errors |",
            "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
        };
        lines.AddRange(rows.Select(r =>
            $"| {r.Entities:N0} | {r.Instances} | {r.Scenario} | {r.Clients} | {r.Requests} | {r.RequestsPerSecond:F0} | {r.P50:F1} | {r.P99:F1} | {r.Errors} |"));
        return string.Join(Environment.NewLine, lines);
    }

    public override string ToString() =>
        $"{Entities:N0} x{Instances} {Scenario}: {Clients} clients, {RequestsPerSecond:F0} req/s, p50={P50:F1} p99={P99:F1} ms, errors={Errors}";
}
