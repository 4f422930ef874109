using System.Diagnostics;
using System.Globalization;

namespace SmartCityGraph.Benchmarks;

/// <summary>
/// A generated database per (size, seed), cached between runs: generation is the slow part and
/// the generator is deterministic, so a cached file is exactly what a fresh run would produce.
/// </summary>
internal static class BenchmarkDatabase
{
    private const string CompleteMarker = "generated.ok";

    /// <summary>Generates with this clone's server.</summary>
    public static Task<string> EnsureAsync(string cacheDirectory, int entities, int seed) =>
        EnsureAsync(cacheDirectory, entities, seed, ServerExecutable.DllPath());

    /// <summary>Generates with <paramref name="serverDll"/>'s <c>generate</c> verb (the server that will read it).</summary>
    public static async Task<string> EnsureAsync(string cacheDirectory, int entities, int seed, string serverDll)
    {
        var directory = Path.Combine(cacheDirectory, $"entities-{entities}-seed-{seed}");
        if (File.Exists(Path.Combine(directory, CompleteMarker)))
        {
            Console.Error.WriteLine($"Using the cached database in {directory}");
            return directory;
        }
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); // an interrupted run
        Directory.CreateDirectory(directory);

        Console.Error.WriteLine($"Generating {entities} entities (seed {seed}) into {directory} ...");
        using var process = Process.Start(ServerExecutable.StartInfo(new ServerLaunch(serverDll, directory, DefaultConfiguration: false),
            "generate", "--entities", entities.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture)))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"generate failed ({process.ExitCode}): {await errors}");
        Console.Error.WriteLine((await output).Trim());
        await File.WriteAllTextAsync(Path.Combine(directory, CompleteMarker), (await output).Trim());
        return directory;
    }

    /// <summary>The seed's data directory in the cache: empty at first, so the server's first start imports the seed.</summary>
    public static string SeedDirectory(string cacheDirectory)
    {
        var directory = Path.Combine(cacheDirectory, "seed");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
