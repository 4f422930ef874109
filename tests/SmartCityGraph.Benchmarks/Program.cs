using SmartCityGraph.Benchmarks;
using SmartCityGraph.Benchmarks.Load;

// Three verbs, all against the real server process over loopback HTTP:
//   (none) or latency  sequential requests: latency percentiles and SQL statements per request (BenchmarkSettings)
//   load               concurrent clients per shape: req/s, p50/p99/p99.9, server CPU ms and KB allocated per request (LoadSettings)
//   mixed              many clients over a mix of shapes: errors (must be 0; exit code 1 otherwise) and peak memory
// Tables go to stdout, progress to stderr.
switch (args.FirstOrDefault())
{
    case "load":
        return await LoadBenchmark.RunAsync(LoadSettings.Parse(args[1..], mixed: false));
    case "mixed":
        return await MixedLoad.RunAsync(LoadSettings.Parse(args[1..], mixed: true));
    case "latency":
        args = args[1..];
        break;
}

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
