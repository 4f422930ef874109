using System.Diagnostics;

namespace SmartCityGraph.Benchmarks;

/// <summary>How to start the server: which build, on which data, with which configuration.</summary>
/// <param name="Dll">The server's SmartCityGraph.Server.dll (this clone's build, or another, e.g. an older commit's).</param>
/// <param name="DefaultConfiguration">
/// True: the server's own defaults (logging included), as a user starts it — the load benchmark measures
/// that. False: the latency harness's settings (SQL statement counts in every answer, logging at Warning).
/// </param>
/// <param name="LogFile">Where the server's console output goes (straight to a file, as a service's would);
/// null: through a pipe to this process's stderr.</param>
/// <param name="PostgresConnectionString">Set: the server runs on this PostgreSQL database instead of SQLite in
/// <paramref name="DataDirectory"/>.</param>
internal sealed record ServerLaunch(
    string Dll, string DataDirectory, bool DefaultConfiguration, string? LogFile = null, string? PostgresConnectionString = null,
    IReadOnlyDictionary<string, string>? Environment = null)
{
    /// <summary>This clone's server on a generated database, as the latency harness runs it.</summary>
    public static ServerLaunch Harness(BenchmarkDatabase.Target target) =>
        new(ServerExecutable.DllPath(), target.DataDirectory, DefaultConfiguration: false, PostgresConnectionString: target.PostgresConnectionString);
}

/// <summary>The built server, run with <c>dotnet</c>.</summary>
internal static class ServerExecutable
{
    /// <summary>This clone's server, built in the same configuration as this harness.</summary>
    public static string DllPath()
    {
        // The harness lives in tests/SmartCityGraph.Benchmarks/bin/{Configuration}/{tfm}/.
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        var root = Testing.RepositoryRoot.Path;
        var dll = Path.Combine(root, "src", "SmartCityGraph.Server", "bin", configuration, tfmDirectory.Name, "SmartCityGraph.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first ({configuration}).", dll);
    }

    public static ProcessStartInfo StartInfo(ServerLaunch launch, params string[] arguments)
    {
        ProcessStartInfo start;
        if (launch.LogFile is { } log)
        {
            // exec: the process started is the server itself (its pid is what /proc and EventPipe read).
            start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("log=$1; shift; exec dotnet \"$@\" >\"$log\" 2>&1");
            start.ArgumentList.Add("sh");
            start.ArgumentList.Add(log);
        }
        else
        {
            start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        }
        start.ArgumentList.Add(launch.Dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Storage__DataDirectory"] = launch.DataDirectory;
        if (launch.PostgresConnectionString is { } postgres)
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__SmartCity"] = postgres;
        }
        if (!launch.DefaultConfiguration)
        {
            start.Environment["Diagnostics__ReportSqlStatements"] = "true";
            // Per-request logging would measure the console, not the server.
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        }
        foreach (var (name, value) in launch.Environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return start;
    }
}
