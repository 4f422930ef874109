namespace SmartCityGraph.Benchmarks;

/// <summary>Warms a scenario up, then sends its requests one after another (latency, not throughput).</summary>
internal sealed class ScenarioRunner(GraphQLRequester requester, int warmup, int requests)
{
    public async Task<LatencySummary> RunAsync(int entities, Scenario scenario, CancellationToken ct)
    {
        var variables = scenario.PrepareAsync is null ? null : await scenario.PrepareAsync(requester, ct);
        for (var i = 0; i < warmup; i++) await requester.PostAsync(scenario.Query, variables, ct);

        var latencies = new List<double>(requests);
        var sqlCounts = new List<int>(requests);
        for (var i = 0; i < requests && !ct.IsCancellationRequested; i++)
        {
            var measurement = await requester.PostAsync(scenario.Query, variables, ct);
            latencies.Add(measurement.Latency.TotalMilliseconds);
            sqlCounts.Add(measurement.SqlStatements);
        }
        return LatencySummary.From(entities, scenario.Name, latencies, sqlCounts);
    }
}
