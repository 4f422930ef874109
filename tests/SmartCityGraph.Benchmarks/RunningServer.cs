using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmartCityGraph.Benchmarks;

/// <summary>The real server on a free loopback port, stopped (with its children) on dispose.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly Process process;

    private RunningServer(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
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

    public static async Task<RunningServer> StartAsync(BenchmarkDatabase.Target target, TimeSpan startupLimit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = ServerExecutable.StartInfo(target, "--urls", baseAddress.ToString().TrimEnd('/'));
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        // Drain the pipes so a chatty server never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("  server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RunningServer(process, baseAddress);
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

    private async Task WaitUntilHealthyAsync(TimeSpan limit)
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
