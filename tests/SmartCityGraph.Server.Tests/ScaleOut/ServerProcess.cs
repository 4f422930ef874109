using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartCityGraph.Server.Tests.ScaleOut;

/// <summary>
/// The built server as its own process (<c>dotnet SmartCityGraph.Server.dll --urls http://127.0.0.1:0</c>), configured
/// by environment variables as an operator would; stopped and waited for on dispose.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SmartCityGraph.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Seed__Path"] = Path.Combine(SmartCityGraph.Server.Hosting.StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "seed");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The server exited:\n" + Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }

    public HttpClient Http { get; private set; } = null!;

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var server = new ServerProcess(environment);
        var url = await server.listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
        server.Http = new HttpClient { BaseAddress = url };
        return server;
    }

    private void Receive(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
        if (ListeningOn().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
