using SmartCityGraph.Benchmarks;
using SmartCityGraph.Benchmarks.Load;

// Three verbs, all against the real server process over loopback HTTP:
//   (none) or latency  sequential requests: latency percentiles and SQL statements per request (BenchmarkSettings)
//   load               concurrent clients per shape: req/s, p50/p99/p99.9, server CPU ms and KB allocated per request (LoadSettings)
//   mixed              many clients over a mix of shapes: errors (must be 0; exit code 1 otherwise) and peak memory
//   subscribers        many live subscriptions while an editor commits: delivery, latency and memory (SubscriberBenchmark)
// Tables go to stdout, progress to stderr.
switch (args.FirstOrDefault())
{
    case "load":
        return await LoadBenchmark.RunAsync(LoadSettings.Parse(args[1..], mixed: false));
    case "mixed":
        return await MixedLoad.RunAsync(LoadSettings.Parse(args[1..], mixed: true));
    case "subscribers":
        return await SubscriberBenchmark.RunAsync(args[1..]);
    case "latency":
        args = args[1..];
        break;
}

var settings = BenchmarkSettings.Parse(args);
using var timeLimit = new CancellationTokenSource(settings.TimeLimit); // the run always ends by itself
var results = new List<LatencySummary>();
var throughput = new List<ThroughputSummary>();
Console.Error.WriteLine($"Engine: {settings.Engine}");

foreach (var size in settings.Sizes)
{
    var target = await BenchmarkDatabase.EnsureAsync(settings, size);
    await using var server = await RunningServer.StartAsync(target, TimeSpan.FromSeconds(60));
    using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    var runner = new ScenarioRunner(new GraphQLRequester(client), settings.Warmup, settings.Requests, settings.ScenarioBudget);
    foreach (var scenario in Scenario.All.Where(settings.Includes))
    {
        Console.Error.WriteLine($"{size:N0} entities: {scenario.Name} ...");
        var summary = await runner.RunAsync(size, scenario, timeLimit.Token);
        Console.Error.WriteLine("  " + summary); // partial results survive a later failure
        results.Add(summary);
    }
    if (settings.Clients <= 0) continue;

    // Throughput with N concurrent clients, against 1 (and 2, …) instances of the server on the same database.
    foreach (var instances in settings.Instances!)
    {
        var servers = new List<RunningServer> { server };
        for (var i = 1; i < instances; i++) servers.Add(await RunningServer.StartAsync(target, TimeSpan.FromSeconds(60)));
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients };
        var clients = servers.Select(s => new HttpClient(handler, disposeHandler: false) { BaseAddress = s.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        foreach (var scenario in Scenario.All.Where(settings.Includes))
        {
            var summary = await ScenarioRunner.ThroughputAsync(size, instances, scenario, clients.Select(c => new GraphQLRequester(c)).ToList(),
                settings.Clients, settings.ThroughputRequests, timeLimit.Token);
            Console.Error.WriteLine("  " + summary);
            throughput.Add(summary);
        }
        foreach (var extra in servers.Skip(1)) await extra.DisposeAsync();
    }
}

Console.WriteLine($"Engine: {settings.Engine}");
Console.WriteLine();
Console.WriteLine(LatencySummary.MarkdownTable(results));
if (throughput.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine(ThroughputSummary.MarkdownTable(throughput));
}
return 0;
