using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// The built server as a real process signing editors' tokens with a known key (so it can be killed) on a loopback port of its own, over a data directory that
/// outlives it: start, stop, kill -9 and start again on the same database.
/// </summary>
public sealed partial class EditorServerProcess : IAsyncDisposable
{
    public const string SigningKey = "safety-tests-signing-key-of-at-least-32-bytes";

    private readonly Process process;

    private EditorServerProcess(Process process, Uri address)
    {
        this.process = process;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public static string DataDirectoryForTest() => Directory.CreateTempSubdirectory("smartcitygraph-safety").FullName;

    /// <summary>
    /// Starts the server over <paramref name="dataDirectory"/>, signing tokens with <see cref="SigningKey"/> unless
    /// <paramref name="settings"/> say otherwise (environment-variable names, e.g. <c>Auth__SigningKey</c>; an empty
    /// value removes the setting, so the server generates its key into the data directory as on a fresh machine).
    /// </summary>
    public static async Task<EditorServerProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = StartInfo(dataDirectory, settings);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (started != listening.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The server did not start.");
        }
        return new EditorServerProcess(process, await listening.Task);
    }

    /// <summary>Runs a verb of the server (e.g. <c>token</c>) over the same data directory and settings; its standard output.</summary>
    public static async Task<string> RunVerbAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings, params string[] arguments)
    {
        var start = StartInfo(dataDirectory, settings);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, IReadOnlyDictionary<string, string>? settings) =>
        ServerExecutable.StartInfo(dataDirectory, [], new Dictionary<string, string> { ["Auth__SigningKey"] = SigningKey }
            .Concat(settings ?? new Dictionary<string, string>()).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    public static string Token(string name, string role) =>
        TokenIssuer.Issue(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SigningKey)), name, role, TimeSpan.FromHours(2));

    /// <summary>A GraphQL request; the answer's JSON (data and errors), or null when the request failed on the way.</summary>
    public async Task<JsonObject?> PostAsync(string query, object? variables, string? token, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await Http.SendAsync(request, ct);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))?.AsObject();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no checkpoint.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>A context on the database file the server used (for checks after it stopped).</summary>
    public static SmartCityDbContext OpenDatabase(string dataDirectory) =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite($"Data Source={Path.Combine(dataDirectory, "smartcity.db")};Pooling=False").Options);
}
