using System.Diagnostics;

namespace SmartCityGraph.Benchmarks;

/// <summary>
/// A generated database per (size, seed), cached between runs: generation is the slow part and
/// the generator is deterministic, so a cached file is exactly what a fresh run would produce.
/// </summary>
internal static class BenchmarkDatabase
{
    private const string CompleteMarker = "generated.ok";

    /// <summary>Where a generated graph lives: a SQLite file in <see cref="DataDirectory"/>, or a PostgreSQL database.</summary>
    public sealed record Target(string DataDirectory, string? PostgresConnectionString);

    public static async Task<Target> EnsureAsync(BenchmarkSettings settings, int entities)
    {
        var (cacheDirectory, seed) = (settings.CacheDirectory, settings.Seed);
        // On PostgreSQL the marker stays in the cache folder, named after the server, and the data in a database of
        // that server (the generate verb's migration creates it).
        var postgres = settings.Postgres is { } server ? $"{server.TrimEnd(';')};Database=scg_bench_{entities}_{seed}" : null;
        var name = postgres is null ? $"entities-{entities}-seed-{seed}"
            : $"postgres-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(settings.Postgres!)))[..8]}-entities-{entities}-seed-{seed}";
        var directory = Path.Combine(cacheDirectory, name);
        var target = new Target(directory, postgres);
        if (File.Exists(Path.Combine(directory, CompleteMarker)))
        {
            Console.Error.WriteLine($"Using the cached database in {(postgres ?? directory)}");
            return target;
        }
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); // an interrupted run
        Directory.CreateDirectory(directory);

        Console.Error.WriteLine($"Generating {entities} entities (seed {seed}) into {directory} ...");
        using var process = Process.Start(ServerExecutable.StartInfo(target,
            "generate", "--entities", entities.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"generate failed ({process.ExitCode}): {await errors}");
        Console.Error.WriteLine((await output).Trim());
        await File.WriteAllTextAsync(Path.Combine(directory, CompleteMarker), (await output).Trim());
        return target;
    }
}
