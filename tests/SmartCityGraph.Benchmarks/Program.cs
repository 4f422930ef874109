using SmartCityGraph.Benchmarks;

// Latency of typical queries against generated databases, measured over loopback HTTP against the
// real server process. Usage: see BenchmarkSettings. The table goes to stdout, progress to stderr.
if (args.FirstOrDefault() == "subscribers")
    return await SubscriberBenchmark.RunAsync(args[1..]);

var settings = BenchmarkSettings.Parse(args);
using var timeLimit = new CancellationTokenSource(settings.TimeLimit); // the run always ends by itself
var results = new List<LatencySummary>();

foreach (var size in settings.Sizes)
{
    var dataDirectory = await BenchmarkDatabase.EnsureAsync(settings.CacheDirectory, size, settings.Seed);
    await using var server = await RunningServer.StartAsync(dataDirectory, TimeSpan.FromSeconds(60));
    using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    var runner = new ScenarioRunner(new GraphQLRequester(client), settings.Warmup, settings.Requests, settings.ScenarioBudget);
    foreach (var scenario in Scenario.All.Where(settings.Includes))
    {
        Console.Error.WriteLine($"{size:N0} entities: {scenario.Name} ...");
        var summary = await runner.RunAsync(size, scenario, timeLimit.Token);
        Console.Error.WriteLine("  " + summary); // partial results survive a later failure
        results.Add(summary);
    }
}

Console.WriteLine(LatencySummary.MarkdownTable(results));
return 0;
