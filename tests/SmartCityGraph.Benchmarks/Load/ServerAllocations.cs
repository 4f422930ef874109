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
    private TaskCompletionSource<long> nextSample = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
    /// sample. Bracket a measurement with two calls: the difference holds all of its allocations, plus those
    /// of the idle moments between the samples and the measurement's start and end.
    /// </summary>
    public async Task<long> NextSampleAsync()
    {
        Task<long> sample;
        lock (gate) sample = nextSample.Task;
        return await sample.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private void OnEvent(TraceEvent data)
    {
        if (data.EventName != "EventCounters") return;
        if (data.PayloadValue(0) is not IDictionary<string, object> outer || outer["Payload"] is not IDictionary<string, object> counter) return;
        if (!"alloc-rate".Equals(counter["Name"] as string)) return;
        var increment = Convert.ToDouble(counter["Increment"], System.Globalization.CultureInfo.InvariantCulture);
        TaskCompletionSource<long> done;
        long value;
        lock (gate)
        {
            total += (long)increment;
            value = total;
            done = nextSample;
            nextSample = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
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
