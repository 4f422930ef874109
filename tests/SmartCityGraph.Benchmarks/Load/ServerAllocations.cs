using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// The bytes the server's garbage collector has handed out, read from the outside over EventPipe (the
/// runtime's diagnostics channel, as <c>dotnet-counters</c> reads it): the <c>System.Runtime</c> counter
/// <c>alloc-rate</c> reports, once a second, the growth of <c>GC.GetTotalAllocatedBytes()</c>. Nothing in the
/// server is switched on for this; its cost there is one event a second.
/// </summary>
internal sealed class ServerAllocations : IAsyncDisposable
{
    private readonly DiagnosticsClient client;
    private readonly EventPipeSession session;
    private readonly Task processing;
    private readonly Lock gate = new();
    private long total; // bytes allocated since the session began, as of the latest sample
    private int emptySamples; // samples that reported no allocation at all (see AllocationSample)
    private TaskCompletionSource<AllocationSample> nextSample = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerAllocations(DiagnosticsClient client, EventPipeSession session)
    {
        this.client = client;
        this.session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        processing = Task.Run(source.Process);
    }

    /// <summary>Opens the session, or returns null (and says why) when the server's diagnostics port is not there.</summary>
    public static ServerAllocations? TryStart(int processId)
    {
        try
        {
            var client = new DiagnosticsClient(processId);
            var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
            return new ServerAllocations(client, client.StartEventPipeSession([provider], requestRundown: false));
        }
        catch (Exception e) when (e is ServerNotAvailableException or DiagnosticsClientException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"No allocation counts: EventPipe session on pid {processId} failed ({e.Message}).");
            return null;
        }
    }

    /// <summary>
    /// Waits for the next counter sample and returns the bytes allocated since the session began as of that
    /// sample, and how many samples so far reported nothing. Bracket a measurement with two calls: the difference
    /// holds all of its allocations, plus those of the idle moments between the samples and the measurement's start
    /// and end (<see cref="AllocationSample.Between"/>).
    /// </summary>
    public async Task<AllocationSample> NextSampleAsync()
    {
        Task<AllocationSample> sample;
        lock (gate) sample = nextSample.Task;
        return await sample.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters") return;
        if (data.PayloadValue(0) is not IDictionary<string, object> outer || outer["Payload"] is not IDictionary<string, object> counter) return;
        if (!"alloc-rate".Equals(counter["Name"] as string)) return;
        var increment = Convert.ToDouble(counter["Increment"], System.Globalization.CultureInfo.InvariantCulture);
        TaskCompletionSource<AllocationSample> done;
        AllocationSample value;
        lock (gate)
        {
            total += (long)increment;
            if (increment <= 0) emptySamples++;
            value = new AllocationSample(total, emptySamples);
            done = nextSample;
            nextSample = new TaskCompletionSource<AllocationSample>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult(value);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await session.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is ServerNotAvailableException or IOException or TimeoutException)
        {
            // the server has gone already
        }
        await processing.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        session.Dispose();
        GC.KeepAlive(client);
    }
}

/// <summary>
/// One reading of the allocation counter: bytes allocated since the session began, and how many of its samples
/// reported no allocation at all.
/// </summary>
internal readonly record struct AllocationSample(long Bytes, int EmptySamples)
{
    /// <summary>Any answered request allocates far more than this (Kestrel's and the GraphQL pipeline's own objects).</summary>
    public const long LeastBytesPerRequest = 1024;

    /// <summary>
    /// The bytes allocated between two readings that bracket <paramref name="requests"/> answered requests, or null
    /// when the counter cannot have seen them: a sample under load that reported nothing, or fewer bytes than the
    /// requests must have allocated. The runtime's counter sometimes reports 0 late in a long run (another EventPipe
    /// session, e.g. dotnet-trace, resets its interval); the table then says n/a rather than a wrong figure.
    /// </summary>
    public static long? Between(AllocationSample before, AllocationSample after, int requests, out string? why)
    {
        var bytes = after.Bytes - before.Bytes;
        why = after.EmptySamples > before.EmptySamples && requests > 0
            ? $"{after.EmptySamples - before.EmptySamples} counter sample(s) under load reported no allocation"
            : requests > 0 && bytes < requests * LeastBytesPerRequest
                ? $"{bytes:N0} bytes for {requests:N0} requests is less than any request allocates"
                : null;
        return why is null ? bytes : null;
    }
}
