using System.Globalization;
using System.Text.Json;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// The <c>load</c> verb: for each data set, the real server (default configuration, log to a file) and for
/// each shape and number of clients a warm-up, then a measured run. Progress goes to stderr, the tables to stdout.
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(LoadSettings settings)
    {
        using var timeLimit = new CancellationTokenSource(settings.TimeLimit); // the run always ends by itself
        var ct = timeLimit.Token;
        Directory.CreateDirectory(settings.CacheDirectory);
        Console.Error.WriteLine($"Server: {settings.ServerDll}; {Environment.ProcessorCount} CPUs, load average {LoadAverage()}");

        IReadOnlyList<(string Start, TimeSpan FirstAnswer, TimeSpan Cpu)> coldStarts = [];
        if (settings.ColdStart && settings.Sizes.Contains(DataSize.Seed))
        {
            coldStarts = await ColdStart.MeasureAsync(settings.ServerDll, settings.CacheDirectory, restarts: 3);
            foreach (var (start, time, cpu) in coldStarts) Console.Error.WriteLine($"  first answer, {start}: {time.TotalMilliseconds:F0} ms ({cpu.TotalMilliseconds:F0} ms CPU)");
        }

        var rows = new List<LoadSummary>();
        foreach (var size in settings.Sizes)
        {
            await using var measured = await MeasuredServer.StartAsync(await LaunchAsync(settings, size), settings.Clients.Max());
            foreach (var shape in LoadShape.All.Where(s => settings.Shapes?.Contains(s.Key) ?? true))
            {
                var request = await shape.PrepareAsync(measured.Http, ct);
                await CheckAsync(measured.Http, request, ct);
                // An answer that grows with the whole data set (an export: megabytes at 10k, a gigabyte at 1M) is
                // timed with one client on data sets above --bulk-limit entities: one request after another.
                var alone = shape.Bulk && size.Entities > settings.BulkLimit;
                foreach (var clients in alone ? [1] : settings.Clients)
                {
                    Console.Error.WriteLine($"{size.Label}: {shape.Key} with {clients} clients ...");
                    if (!alone) await measured.Generator.RunAsync([request], (_, _) => 0, clients, settings.Warmup, ct);
                    var (run, cost) = await measured.MeasureAsync([request], (_, _) => 0, clients, settings.Duration, ct);
                    var row = LoadSummary.From(size.Label, shape.Key, clients, run, cost);
                    Console.Error.WriteLine("  " + row);
                    rows.Add(row);
                }
            }
        }

        Console.WriteLine(LoadSummary.MarkdownTable(rows));
        if (coldStarts.Count > 0)
        {
            Console.WriteLine();
            foreach (var (start, time, cpu) in coldStarts)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- first answer after process start, {start}: {time.TotalMilliseconds:F0} ms ({cpu.TotalMilliseconds:F0} ms of server CPU)"));
        }
        if (settings.OutFile is { } file)
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
            {
                settings.ServerDll, started = DateTime.UtcNow, cpus = Environment.ProcessorCount, loadAverage = LoadAverage(),
                coldStarts = coldStarts.Select(c => new { c.Start, milliseconds = c.FirstAnswer.TotalMilliseconds, cpuMilliseconds = c.Cpu.TotalMilliseconds }), rows,
            }, new JsonSerializerOptions { WriteIndented = true }), ct);
        return rows.Any(r => r.Errors > 0) ? 1 : 0;
    }

    /// <summary>The server on <paramref name="size"/>'s database (made first if missing), in its default configuration.</summary>
    public static async Task<ServerLaunch> LaunchAsync(LoadSettings settings, DataSize size)
    {
        var dataDirectory = size.Entities is { } entities
            ? (await BenchmarkDatabase.EnsureAsync(settings.CacheDirectory, entities, settings.Seed, settings.ServerDll)).DataDirectory
            : BenchmarkDatabase.SeedDirectory(settings.CacheDirectory);
        return new ServerLaunch(settings.ServerDll, dataDirectory, DefaultConfiguration: true,
            Path.Combine(settings.CacheDirectory, $"server-{size.Label.Replace(",", "", StringComparison.Ordinal)}.log"));
    }

    /// <summary>Sends the request once and refuses to measure an error.</summary>
    public static async Task CheckAsync(HttpClient http, LoadRequest request, CancellationToken ct)
    {
        using var message = request.ToMessage();
        using var response = await http.SendAsync(message, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var error = !response.IsSuccessStatusCode ? $"HTTP {(int)response.StatusCode}" : request.IsGraphQL ? ResponseCheck.GraphQLError(body) : null;
        if (error is not null)
            throw new InvalidOperationException($"{request.Label} fails before any load ({error}): {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
        Console.Error.WriteLine($"  {request.Label}: {body.Length:N0} bytes");
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
