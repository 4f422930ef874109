using Xunit.Abstractions;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>
/// Conformance with the GraphQL-over-HTTP spec, checked by the graphql-http audit suite
/// (tests/http-audit/audit.mjs) against the toy server. Needs Node: on CI its absence is a failure.
/// </summary>
public sealed class GraphQLOverHttpAuditTests(ToyServerFixture fixture, ITestOutputHelper output) : IClassFixture<ToyServerFixture>
{
    /// <summary>SHOULDs we knowingly do not meet; each needs a reason in docs/the report. Keep it empty if possible.</summary>
    private static readonly HashSet<string> AcceptedShouldFailures = [];

    [SkippableFact]
    public async Task The_server_passes_every_MUST_of_the_graphql_http_audit()
    {
        var auditDirectory = Path.Combine(Testing.RepositoryRoot.Path, "tests", "http-audit");
        var node = NodeTool.Require("node");
        await NodeTool.EnsurePackagesAsync(auditDirectory, "graphql-http");

        var run = await ExternalProcess.RunAsync(node, ["audit.mjs", fixture.Server.Endpoint.ToString()], auditDirectory, TimeSpan.FromMinutes(2));
        output.WriteLine(run.Output);

        var audits = run.Output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("AUDIT ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', 4))
            .Select(parts => (Id: parts[1], Status: parts[2], Name: parts[3]))
            .ToList();
        Assert.True(audits.Count > 40, $"The audit reported only {audits.Count} results:{Environment.NewLine}{run.Output}");

        var failedMusts = audits.Where(audit => audit.Status == "ERROR").Select(audit => $"{audit.Id} {audit.Name}").ToList();
        var failedShoulds = audits.Where(audit => audit.Status == "WARN").ToList();
        output.WriteLine($"Failing SHOULDs ({failedShoulds.Count}):");
        foreach (var should in failedShoulds)
            output.WriteLine($"  {should.Id} {should.Name}");

        Assert.Empty(failedMusts);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(failedShoulds.Select(should => should.Id).Except(AcceptedShouldFailures));
    }
}
