using System.Diagnostics;
using System.Globalization;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Server.Hosting;
using Spectre.Console;

namespace SmartCityGraph.Server.Commands;

/// <summary>
/// <c>generate --entities N [--seed S]</c>: replaces the configured database's content with a
/// synthetic graph of N entities (for load tests and benchmarks). The progress bar goes to stderr,
/// the one-line summary to stdout.
/// </summary>
internal static class GenerateCommand
{
    private const string Usage = "usage: generate --entities N [--seed S]   (N >= 10; replaces the database content)";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (!TryParse(args, out var options))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var generator = scope.ServiceProvider.GetRequiredService<SyntheticGraphGenerator>();

        var stopwatch = Stopwatch.StartNew();
        var result = await WithProgressBarAsync(progress => generator.GenerateAsync(options, progress));
        Console.WriteLine(
            $"Generated {result.Entities} entities and {result.Relations} relations (seed {options.Seed}) in {stopwatch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static bool TryParse(string[] args, out SyntheticGraphOptions options)
    {
        options = null!;
        var entities = Option(args, "--entities");
        var seed = Option(args, "--seed") ?? "42";
        if (!int.TryParse(entities, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 10) return false;
        if (!int.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seedValue)) return false;
        options = new SyntheticGraphOptions(count, seedValue);
        return true;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>One bar per stage on stderr, so stdout carries only the summary.</summary>
    private static async Task<SyntheticGraphResult> WithProgressBarAsync(
        Func<IProgress<SyntheticGraphProgress>, Task<SyntheticGraphResult>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new SynchronousProgress(step =>
                {
                    if (!tasks.TryGetValue(step.Stage, out var task))
                        tasks[step.Stage] = task = context.AddTask(step.Stage, maxValue: Math.Max(1, step.Total));
                    task.Value = step.Done;
                });
                // The generator is synchronous SQLite work; run it off the progress renderer's thread.
                return await Task.Run(() => run(progress));
            });
    }

    /// <summary>Reports on the generator's thread; <see cref="Progress{T}"/> would queue millions of callbacks.</summary>
    private sealed class SynchronousProgress(Action<SyntheticGraphProgress> report) : IProgress<SyntheticGraphProgress>
    {
        public void Report(SyntheticGraphProgress value) => report(value);
    }
}
