using System.Globalization;

namespace SmartCityGraph.Benchmarks;

/// <summary>
/// Command-line settings: <c>[--sizes 10000,100000] [--include-1m] [--requests 200] [--warmup 300]
/// [--seed 42] [--cache DIR] [--scenario-seconds 120] [--time-limit-seconds 1800] [--scenarios d,i]
/// [--postgres "Host=127.0.0.1;Port=…;Username=…"] [--clients 32] [--instances 1,2] [--throughput-requests 2000]</c>.
/// With <c>--postgres</c> the server runs on PostgreSQL (one generated database per size and seed on that server);
/// with <c>--clients N</c> each scenario is also run by N concurrent clients against each instance count.
/// </summary>
internal sealed record BenchmarkSettings(
    IReadOnlyList<int> Sizes, int Requests, int Warmup, int Seed, string CacheDirectory, TimeSpan ScenarioBudget, TimeSpan TimeLimit,
    IReadOnlySet<string>? ScenarioLetters = null, string? Postgres = null, int Clients = 0, IReadOnlyList<int>? Instances = null,
    int ThroughputRequests = 2000)
{
    public string Engine => Postgres is null ? "SQLite" : "PostgreSQL";

    /// <summary>Whether to run <paramref name="scenario"/>: all, or those named by letter ("(d) …" is "d").</summary>
    public bool Includes(Scenario scenario) =>
        ScenarioLetters is null || ScenarioLetters.Contains(scenario.Name.Split(')')[0].TrimStart('('));

    public const int OneMillion = 1_000_000;

    public static BenchmarkSettings Parse(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var sizes = (Option("--sizes") ?? "10000").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        // 1M is opt-in: generating it takes about a minute and the file is about 1 GB.
        if (args.Contains("--include-1m") && !sizes.Contains(OneMillion)) sizes.Add(OneMillion);
        return new BenchmarkSettings(
            sizes,
            Requests: Number("--requests", 200),
            // Tiered JIT with PGO needs a few hundred requests per shape to reach steady state; fewer measures the JIT.
            Warmup: Number("--warmup", 300),
            Seed: Number("--seed", 42),
            CacheDirectory: Option("--cache") ?? Path.Combine(Path.GetTempPath(), "smartcitygraph-bench"),
            ScenarioBudget: TimeSpan.FromSeconds(Number("--scenario-seconds", 120)),
            TimeLimit: TimeSpan.FromSeconds(Number("--time-limit-seconds", 1800)),
            ScenarioLetters: Option("--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            Postgres: Option("--postgres"),
            Clients: Number("--clients", 0),
            Instances: (Option("--instances") ?? "1").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(),
            ThroughputRequests: Number("--throughput-requests", 2000));
    }
}
