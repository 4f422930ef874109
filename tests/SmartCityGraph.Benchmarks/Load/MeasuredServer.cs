namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// A running server with what measures it: a load generator on kept-alive connections, its CPU time from
/// /proc and its allocations over EventPipe.
/// </summary>
internal sealed class MeasuredServer : IAsyncDisposable
{
    private readonly ServerAllocations? allocations;

    private MeasuredServer(RunningServer server, HttpClient http, ServerAllocations? allocations)
    {
        Server = server;
        Http = http;
        this.allocations = allocations;
        Generator = new LoadGenerator(http);
    }

    public RunningServer Server { get; }

    public HttpClient Http { get; }

    public LoadGenerator Generator { get; }

    public static async Task<MeasuredServer> StartAsync(ServerLaunch launch, int maxClients)
    {
        var server = await RunningServer.StartAsync(launch, TimeSpan.FromMinutes(5)); // a first start imports the seed
        return new MeasuredServer(server, LoadGenerator.CreateClient(server.BaseAddress, maxClients), ServerAllocations.TryStart(server.ProcessId));
    }

    /// <summary>Runs the load, and brackets it with the server's CPU time and allocation counter.</summary>
    public async Task<(LoadRun Run, ServerCost Cost)> MeasureAsync(
        IReadOnlyList<LoadRequest> requests, Func<int, int, int> pick, int clients, TimeSpan duration, CancellationToken ct,
        Action? duringRun = null)
    {
        AllocationSample? allocatedBefore = allocations is null ? null : await allocations.NextSampleAsync();
        var cpuBefore = ProcessStats.CpuTime(Server.ProcessId);
        var machineBefore = ProcessStats.MachineBusyTime();
        var harnessBefore = ProcessStats.OwnCpuTime();
        using var sampling = duringRun is null ? null : new Timer(_ => duringRun(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

        var run = await Generator.RunAsync(requests, pick, clients, duration, ct);

        var cpu = ProcessStats.CpuTime(Server.ProcessId) - cpuBefore;
        var machine = ProcessStats.MachineBusyTime() - machineBefore;
        var harness = ProcessStats.OwnCpuTime() - harnessBefore;
        long? allocated = null;
        if (allocations is not null && allocatedBefore is { } before)
        {
            allocated = AllocationSample.Between(before, await allocations.NextSampleAsync(), run.Requests, out var why);
            if (why is not null) Console.Error.WriteLine($"  KB/request n/a: {why}.");
        }
        return (run, new ServerCost(cpu, allocated, machine, harness));
    }

    public async ValueTask DisposeAsync()
    {
        if (allocations is not null) await allocations.DisposeAsync();
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
