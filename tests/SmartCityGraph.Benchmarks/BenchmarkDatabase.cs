using System.Diagnostics;

namespace SmartCityGraph.Benchmarks;

/// <summary>
/// A generated database per (size, seed), cached between runs: generation is the slow part and
/// the generator is deterministic, so a cached file is exactly what a fresh run would produce.
/// </summary>
internal static class BenchmarkDatabase
{
    private const string CompleteMarker = "generated.ok";

    public static async Task<string> EnsureAsync(string cacheDirectory, int entities, int seed)
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
        using var process = Process.Start(ServerExecutable.StartInfo(directory,
            "generate", "--entities", entities.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"generate failed ({process.ExitCode}): {await errors}");
        Console.Error.WriteLine((await output).Trim());
        await File.WriteAllTextAsync(Path.Combine(directory, CompleteMarker), (await output).Trim());
        return directory;
    }
}
