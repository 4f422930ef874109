using System.Globalization;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>A data set to measure on: the seed (the server imports it on first start) or a generated graph.</summary>
internal sealed record DataSize(int? Entities)
{
    public static readonly DataSize Seed = new((int?)null);

    public string Label => Entities is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "seed";

    public static DataSize Parse(string text) =>
        text.Equals("seed", StringComparison.OrdinalIgnoreCase) ? Seed : new DataSize(int.Parse(text, CultureInfo.InvariantCulture));
}

/// <summary>
/// Options of the <c>load</c> and <c>mixed</c> verbs:
/// <c>[--sizes seed,10000] [--include-1m] [--clients 32,200] [--seconds 10] [--warmup-seconds 5] [--shapes node,search10]
/// [--server-dll PATH] [--cache DIR] [--seed 42] [--bulk-limit 1000] [--no-cold-start] [--out FILE.json]
/// [--time-limit-seconds 3600]</c>. <c>mixed</c> defaults to <c>--sizes seed --clients 200 --seconds 60</c>.
/// </summary>
internal sealed record LoadSettings(
    IReadOnlyList<DataSize> Sizes, IReadOnlyList<int> Clients, TimeSpan Duration, TimeSpan Warmup, IReadOnlySet<string>? Shapes,
    string ServerDll, string CacheDirectory, int Seed, int BulkLimit, bool ColdStart, string? OutFile, TimeSpan TimeLimit)
{
    public static LoadSettings Parse(string[] args, bool mixed)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Option(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        IEnumerable<string> List(string name, string fallback) =>
            (Option(name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var sizes = List("--sizes", mixed ? "seed" : "seed,10000").Select(DataSize.Parse).ToList();
        // 1M is opt-in: generating it takes about a minute and the file is about 1 GB.
        if (args.Contains("--include-1m") && !sizes.Contains(new DataSize(BenchmarkSettings.OneMillion))) sizes.Add(new DataSize(BenchmarkSettings.OneMillion));
        var shapes = Option("--shapes") is null ? null : List("--shapes", "").ToHashSet();
        if (shapes?.FirstOrDefault(s => LoadShape.All.All(shape => shape.Key != s)) is { } unknown)
            throw new ArgumentException($"Unknown shape '{unknown}'; the shapes are {string.Join(", ", LoadShape.All.Select(s => s.Key))}.");
        return new LoadSettings(
            sizes,
            List("--clients", mixed ? "200" : "32,200").Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList(),
            TimeSpan.FromSeconds(Number("--seconds", mixed ? 60 : 10)),
            // Tiered JIT with PGO needs a few hundred requests per shape to reach steady state.
            TimeSpan.FromSeconds(Number("--warmup-seconds", 5)),
            shapes,
            Option("--server-dll") is { } dll ? Path.GetFullPath(dll) : ServerExecutable.DllPath(),
            Option("--cache") ?? Path.Combine(Path.GetTempPath(), "smartcitygraph-bench"),
            Number("--seed", 42),
            Number("--bulk-limit", 1_000),
            ColdStart: !args.Contains("--no-cold-start"),
            Option("--out"),
            TimeSpan.FromSeconds(Number("--time-limit-seconds", 3600)));
    }
}
