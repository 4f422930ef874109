using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>Generates with this clone's server, on the engine the settings name.</summary>
    public static Task<Target> EnsureAsync(BenchmarkSettings settings, int entities) =>
        EnsureAsync(settings.CacheDirectory, entities, settings.Seed, ServerExecutable.DllPath(), settings.Postgres);

    /// <summary>
    /// Generates with <paramref name="serverDll"/>'s <c>generate</c> verb (the server that will read it), into SQLite
    /// or, given a PostgreSQL server's connection string (without a database), into a database of that server.
    /// </summary>
    public static async Task<Target> EnsureAsync(string cacheDirectory, int entities, int seed, string serverDll, string? postgresServer = null)
    {
        // On PostgreSQL the marker stays in the cache folder, named after the server, and the data in a database of
        // that server (the generate verb's migration creates it).
        var postgres = postgresServer is { } server ? $"{server.TrimEnd(';')};Database=scg_bench_{entities}_{seed}" : null;
        var name = postgresServer is null ? $"entities-{entities}-seed-{seed}"
            : $"postgres-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(postgresServer)))[..8]}-entities-{entities}-seed-{seed}";
        var directory = Path.Combine(cacheDirectory, name);
        var target = new Target(directory, postgres);
        if (File.Exists(Path.Combine(directory, CompleteMarker)) && await HoldsGraphAsync(target, entities))
        {
            Console.Error.WriteLine($"Using the cached database in {(postgres ?? directory)}");
            return target;
        }
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); // an interrupted run
        Directory.CreateDirectory(directory);

        Console.Error.WriteLine($"Generating {entities} entities (seed {seed}) into {(postgres ?? directory)} ...");
        var launch = new ServerLaunch(serverDll, directory, DefaultConfiguration: false, PostgresConnectionString: postgres);
        using var process = Process.Start(ServerExecutable.StartInfo(launch,
            "generate", "--entities", entities.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture)))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"generate failed ({process.ExitCode}): {await errors}");
        Console.Error.WriteLine((await output).Trim());
        await File.WriteAllTextAsync(Path.Combine(directory, CompleteMarker), (await output).Trim());
        return target;
    }

    /// <summary>
    /// Whether a cached target still holds the graph: a PostgreSQL database outlives its marker's
    /// meaning when the cluster is recreated on the same port (as throw-away test clusters are).
    /// </summary>
    private static async Task<bool> HoldsGraphAsync(Target target, int entities)
    {
        if (target.PostgresConnectionString is not { } connectionString) return true; // the file sits next to its marker
        try
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM \"Entities\"", connection);
            return (long)(await count.ExecuteScalarAsync())! >= entities;
        }
        catch (Npgsql.PostgresException)
        {
            return false; // no such database or table: generate again
        }
    }

    /// <summary>The seed's data directory in the cache: empty at first, so the server's first start imports the seed.</summary>
    public static string SeedDirectory(string cacheDirectory)
    {
        var directory = Path.Combine(cacheDirectory, "seed");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
