using SmartCityGraph.GraphQL.Tests.Http;
using Xunit.Abstractions;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

/// <summary>
/// The WebSocket and SSE transports driven by the real graphql-ws and graphql-sse clients, plus raw-socket
/// protocol abuse (tests/streaming-conformance/conformance.mjs), against the toy server. Needs Node: on CI
/// its absence is a failure.
/// </summary>
public sealed class StreamingConformanceTests(ToyServerFixture fixture, ITestOutputHelper output) : IClassFixture<ToyServerFixture>
{
    [SkippableFact]
    public async Task The_graphql_ws_and_graphql_sse_clients_work_and_every_abuse_gets_its_close_code()
    {
        var directory = Path.Combine(Testing.RepositoryRoot.Path, "tests", "streaming-conformance");
        var node = NodeTool.Require("node");
        await NodeTool.EnsurePackagesAsync(directory, "graphql-ws");

        var run = await ExternalProcess.RunAsync(node,
            ["conformance.mjs", fixture.Server.Endpoint.ToString(),
             "--open", "subscription { messages { text } }",
             "--subscription", "subscription { counter(to: 3) }", "--events", "3"],
            directory, TimeSpan.FromMinutes(2));
        output.WriteLine(run.Output);

        var checks = run.Output.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.StartsWith("CHECK ", StringComparison.Ordinal)).ToList();
        Assert.Equal(18, checks.Count);
        Assert.All(checks, line => Assert.EndsWith(" OK", line));
        Assert.Contains("18 passed, 0 failed", run.Output);
        Assert.Equal(0, run.ExitCode);
    }
}
