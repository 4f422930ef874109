using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartCityGraph.Benchmarks;

/// <summary>The real server on a free loopback port, stopped (with its children) on dispose.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly Process process;

    private RunningServer(Process process, Uri baseAddress, DateTime startedAt)
    {
        this.process = process;
        BaseAddress = baseAddress;
        StartedAt = startedAt;
    }

    public Uri BaseAddress { get; }

    /// <summary>The server's resident memory now (bytes).</summary>
    public long WorkingSet
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>The server's peak resident memory so far (bytes).</summary>
    public long PeakWorkingSet
    {
        get
        {
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }

    /// <summary>The server process's id (with a log file, the shell has exec'd into the server).</summary>
    public int ProcessId => process.Id;

    /// <summary>When the process was started (UTC), for the time to its first answer.</summary>
    public DateTime StartedAt { get; }

    public bool HasExited => process.HasExited;

    /// <summary>This clone's server as the latency harness runs it.</summary>
    public static Task<RunningServer> StartAsync(BenchmarkDatabase.Target target, TimeSpan startupLimit) =>
        StartAsync(ServerLaunch.Harness(target), startupLimit);

    public static async Task<RunningServer> StartAsync(ServerLaunch launch, TimeSpan startupLimit)
    {
        var server = Start(launch);
        try
        {
            await server.WaitUntilHealthyAsync(startupLimit);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process and returns at once (the caller waits for what it needs).</summary>
    public static RunningServer Start(ServerLaunch launch)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var startedAt = DateTime.UtcNow;
        var process = Process.Start(ServerExecutable.StartInfo(launch, "--urls", baseAddress.ToString().TrimEnd('/')))!;
        if (launch.LogFile is null)
        {
            // Drain the pipes so a chatty server never blocks on a full buffer.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  server: " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return new RunningServer(process, baseAddress, startedAt);
    }

    public async Task WaitUntilHealthyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with code {process.ExitCode} while starting.");
            try
            {
                if ((await client.GetAsync("health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server was not healthy within {limit.TotalSeconds} s.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
