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
}
