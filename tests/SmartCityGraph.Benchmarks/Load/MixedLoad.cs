using System.Globalization;
using System.Text;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// The <c>mixed</c> verb: many clients at once over a mix of shapes (each client walks the mix in turn,
/// starting at a different place), reporting every error and the server's peak resident memory. It exits
/// with 1 when any request failed, so a shortened run (<c>--seconds 10</c>) can gate CI.
/// </summary>
internal static class MixedLoad
{
    /// <summary>Node, nested, search, graph, paths, facets and export, in equal shares.</summary>
    public static readonly string[] Mix = ["node", "nested3", "search10", "graph2", "paths4", "facets", "export"];

    public static async Task<int> RunAsync(LoadSettings settings)
    {
        using var timeLimit = new CancellationTokenSource(settings.TimeLimit);
        var ct = timeLimit.Token;
        Directory.CreateDirectory(settings.CacheDirectory);
        var output = new StringBuilder();
        var failed = false;
        foreach (var size in settings.Sizes)
        {
            await using var measured = await MeasuredServer.StartAsync(await LoadBenchmark.LaunchAsync(settings, size), settings.Clients.Max());
            var requests = new List<LoadRequest>();
            foreach (var key in Mix)
            {
                var request = await LoadShape.All.Single(s => s.Key == key).PrepareAsync(measured.Http, ct);
                await LoadBenchmark.CheckAsync(measured.Http, request, ct);
                requests.Add(request);
            }
            int Pick(int worker, int i) => (worker + i) % requests.Count;
            foreach (var clients in settings.Clients)
            {
                Console.Error.WriteLine($"{size.Label}: mixed load, {clients} clients, {settings.Duration.TotalSeconds:F0} s (after {settings.Warmup.TotalSeconds:F0} s warm-up) ...");
                await measured.Generator.RunAsync(requests, Pick, clients, settings.Warmup, ct);
                long peakResident = 0;
                var pid = measured.Server.ProcessId;
                var (run, cost) = await measured.MeasureAsync(requests, Pick, clients, settings.Duration, ct,
                    duringRun: () => { try { peakResident = Math.Max(peakResident, ProcessStats.Memory(pid).Resident); } catch (IOException) { } });
                var (_, highWater) = ProcessStats.Memory(pid);
                failed |= run.ErrorCount > 0;
                output.AppendLine(Report(size, clients, settings.Duration, run, cost, peakResident, highWater));
                Console.Error.WriteLine(output.ToString());
            }
        }
        Console.WriteLine(output.ToString().TrimEnd());
        return failed ? 1 : 0;
    }

    private static string Report(DataSize size, int clients, TimeSpan duration, LoadRun run, ServerCost cost, long peakResident, long highWater)
    {
        var total = LoadSummary.From(size.Label, "mix of " + string.Join(", ", Mix), clients, run, cost);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Mixed load on {size.Label}: {clients} clients for {duration.TotalSeconds:F0} s");
        text.AppendLine();
        text.AppendLine(LoadSummary.MarkdownTable([total]));
        text.AppendLine();
        text.AppendLine("| shape | requests | p50 ms | p99 ms | p99.9 ms | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        for (var label = 0; label < run.Labels.Count; label++)
        {
            var latencies = run.LatencyMilliseconds.Where((_, i) => run.LabelOfRequest[i] == label).Order().ToArray();
            var errors = run.Errors.Where(e => e.Key.StartsWith(run.Labels[label] + ":", StringComparison.Ordinal)).Sum(e => e.Value);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Labels[label]} | {latencies.Length:N0} | {LoadSummary.Percentile(latencies, 0.5):F1} | {LoadSummary.Percentile(latencies, 0.99):F1} | {LoadSummary.Percentile(latencies, 0.999):F1} | {errors} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Errors: {run.ErrorCount}{(run.ErrorCount == 0 ? "" : " — " + total.ErrorDetail)}. Server resident memory: peak {peakResident / 1048576.0:F0} MiB during the run (sampled every 250 ms), high-water mark since start (VmHWM) {highWater / 1048576.0:F0} MiB.");
        return text.ToString();
    }
}
