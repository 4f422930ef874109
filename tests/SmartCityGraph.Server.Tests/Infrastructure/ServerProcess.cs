using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// The built server as its own process (<c>dotnet SmartCityGraph.Server.dll</c>, the build configuration of these tests)
/// on 127.0.0.1 and a free port, with its own data folder; verbs run the same executable once.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private readonly bool _ownsDataDirectory;

    private ServerProcess(Process process, StringBuilder output, string dataDirectory, bool ownsDataDirectory, Uri address)
    {
        _process = process;
        _ownsDataDirectory = ownsDataDirectory;
        _output = output;
        DataDirectory = dataDirectory;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDirectory { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// Starts the server on a fresh data folder (removed when disposed) or the given one (left to its owner) and waits
    /// until /health answers.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string? dataDirectory = null, params string[] settings)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("smartcitygraph-process").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var output = new StringBuilder();
        var process = Start(dataDirectory, output, ["--urls", address.ToString().TrimEnd('/'), .. settings]);
        var server = new ServerProcess(process, output, dataDirectory, ownsDataDirectory, address);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{server.Output}");
            try
            {
                if ((await server.Http.GetAsync("/health")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new TimeoutException("The server did not start within 120 s:\n" + output);
    }

    /// <summary>Starts a verb (e.g. <c>import DIR</c>) on <paramref name="dataDirectory"/>; the caller waits for or kills it.</summary>
    public static Process StartVerb(string dataDirectory, StringBuilder output, params string[] arguments) => Start(dataDirectory, output, arguments);

    private static Process Start(string dataDirectory, StringBuilder output, IEnumerable<string> arguments)
    {
        var start = ServerExecutable.StartInfo(dataDirectory, arguments, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops this process (and only it) but keeps the data folder.</summary>
    public async Task StopAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (!_ownsDataDirectory) return;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
