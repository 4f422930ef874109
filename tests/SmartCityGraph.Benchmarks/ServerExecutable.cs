using System.Diagnostics;

namespace SmartCityGraph.Benchmarks;

/// <summary>The built server (same configuration as this harness), run with <c>dotnet</c>.</summary>
internal static class ServerExecutable
{
    public static string DllPath()
    {
        // The harness lives in tests/SmartCityGraph.Benchmarks/bin/{Configuration}/{tfm}/.
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDirectory.Parent!.Name;
        var root = Testing.RepositoryRoot.Path;
        var dll = Path.Combine(root, "src", "SmartCityGraph.Server", "bin", configuration, tfmDirectory.Name, "SmartCityGraph.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first ({configuration}).", dll);
    }

    public static ProcessStartInfo StartInfo(BenchmarkDatabase.Target target, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath());
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Storage__DataDirectory"] = target.DataDirectory;
        if (target.PostgresConnectionString is { } postgres)
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__SmartCity"] = postgres;
        }
        start.Environment["Diagnostics__ReportSqlStatements"] = "true";
        // Per-request logging would measure the console, not the server.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }
}
