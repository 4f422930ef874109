namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>Node.js for the test suites written against the real JavaScript clients (tests/http-audit, tests/streaming-conformance).</summary>
public static class NodeTool
{
    /// <summary>The path of a tool on PATH; skips locally when missing, but fails on CI (never a silent skip there).</summary>
    public static string Require(string name)
    {
        var path = ExternalProcess.FindOnPath(name);
        if (path is not null)
            return path;
        var message = $"'{name}' is not on PATH; the tests against the JavaScript clients need Node.js 20+.";
        Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message);
        Skip.If(true, message);
        return name;
    }

    /// <summary>Runs <c>npm ci</c> in <paramref name="directory"/> unless <paramref name="package"/> is installed there.</summary>
    public static async Task EnsurePackagesAsync(string directory, string package)
    {
        if (File.Exists(Path.Combine(directory, "node_modules", package, "package.json")))
            return;
        var npm = Require("npm");
        var install = await ExternalProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, $"npm ci failed in {directory}:{Environment.NewLine}{install.Output}");
    }
}
