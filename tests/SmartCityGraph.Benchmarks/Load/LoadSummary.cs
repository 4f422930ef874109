using System.Globalization;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// One measured run: throughput and latency as the clients saw them, and what the server process spent —
/// CPU time (from /proc) and bytes allocated (from its GC counter) divided by the requests answered.
/// </summary>
internal sealed record LoadSummary(
    string Size, string Shape, int Clients, int Requests, double RequestsPerSecond, double P50, double P99, double P999,
    double CpuMillisecondsPerRequest, double? KilobytesPerRequest, double ServerCores, double OtherCores, int Errors, string ErrorDetail)
{
    public static LoadSummary From(string size, string shape, int clients, LoadRun run, ServerCost cost)
    {
        var sorted = run.LatencyMilliseconds.Order().ToArray();
        return new LoadSummary(size, shape, clients, run.Requests, run.RequestsPerSecond,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999),
            cost.ServerCpu.TotalMilliseconds / Math.Max(1, run.Requests),
            cost.AllocatedBytes is { } bytes ? bytes / 1024.0 / Math.Max(1, run.Requests) : null,
            cost.ServerCpu.TotalSeconds / run.Elapsed.TotalSeconds,
            Math.Max(0, (cost.MachineBusy - cost.ServerCpu - cost.HarnessCpu).TotalSeconds / run.Elapsed.TotalSeconds),
            run.ErrorCount,
            run.ErrorCount == 0 ? "" : string.Join("; ", run.Errors.Select(e => $"{e.Value}× {e.Key}")));
    }

    /// <summary>Nearest rank: p99 of 200 samples is the 198th, not an interpolation.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string MarkdownTable(IEnumerable<LoadSummary> rows)
    {
        var lines = new List<string>
        {
            "| data | shape | clients | requests | req/s | p50 ms | p99 ms | p99.9 ms | CPU ms/req | KB/req | server cores | other cores | errors |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Size} | {r.Shape} | {r.Clients} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {r.P50:F1} | {r.P99:F1} | {r.P999:F1} | {r.CpuMillisecondsPerRequest:F2} | {(r.KilobytesPerRequest is { } kb ? kb.ToString("N0", CultureInfo.InvariantCulture) : "n/a")} | {r.ServerCores:F2} | {r.OtherCores:F2} | {(r.Errors == 0 ? "0" : $"{r.Errors}: {r.ErrorDetail}")} |")));
        return string.Join(Environment.NewLine, lines);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Size} {Shape} ×{Clients}: {RequestsPerSecond:N0} req/s, p50 {P50:F1} p99 {P99:F1} p99.9 {P999:F1} ms, {CpuMillisecondsPerRequest:F2} CPU ms/req, {(KilobytesPerRequest is { } kb ? kb.ToString("N0", CultureInfo.InvariantCulture) : "n/a")} KB/req, server {ServerCores:F2} cores, other {OtherCores:F2}, errors {Errors} {ErrorDetail}");
}

/// <summary>What the server process (and, for comparison, the rest of the machine) spent during one run.</summary>
internal sealed record ServerCost(TimeSpan ServerCpu, long? AllocatedBytes, TimeSpan MachineBusy, TimeSpan HarnessCpu);
