using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Editing;

/// <summary>A changed seed/ is applied on the next start as IMPORT revisions of just the difference; the same seed again records nothing.</summary>
public sealed class SeedChangeTests : IDisposable
{
    private readonly string seed = Directory.CreateTempSubdirectory("smartcitygraph-seed").FullName;

    public SeedChangeTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Testing.RepositoryRoot.Path, "seed"), "*.json"))
            File.Copy(file, Path.Combine(seed, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(seed, recursive: true);

    private sealed class SeededFrom(string seed, string? dataDirectory = null) : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:Path", seed);
            if (dataDirectory is not null) builder.UseSetting("Storage:DataDirectory", dataDirectory);
        }
    }

    private const string Feed = "query($since: Int) { revisions(first: 100, sinceNumber: $since) { totalCount nodes { number action subjectId before after } } }";

    [Fact]
    public async Task Only_what_the_seed_changed_is_imported_at_the_next_start_and_never_twice()
    {
        using var first = new SeededFrom(seed);
        var initial = (await first.CreateClient().PostGraphQLAsync("{ revisions { totalCount } }")).AssertNoErrors().Data["revisions"]!["totalCount"]!.GetValue<int>();

        var events = JsonNode.Parse(File.ReadAllText(Path.Combine(seed, "events.json")))!;
        var changed = events["records"]![0]!;
        changed["summary"] = "The seed says something new.";
        File.WriteAllText(Path.Combine(seed, "events.json"), events.ToJsonString());

        using var second = new SeededFrom(seed, first.DataDirectory);
        var afterChange = (await second.CreateClient().PostGraphQLAsync(Feed, new { since = initial })).AssertNoErrors().Data["revisions"]!;
        using var third = new SeededFrom(seed, first.DataDirectory);
        var again = (await third.CreateClient().PostGraphQLAsync(Feed, new { since = initial })).AssertNoErrors().Data["revisions"]!;

        Assert.Equal(1, afterChange["totalCount"]!.GetValue<int>());
        var import = afterChange["nodes"]!.AsArray().Single()!;
        Assert.Equal("IMPORT", import["action"].Text());
        Assert.Equal(changed["key"].Text(), import["after"]!["key"].Text());
        Assert.Equal("The seed says something new.", import["after"]!["summary"].Text());
        Assert.NotEqual(import["before"]!["summary"]?.ToJsonString(), import["after"]!["summary"]!.ToJsonString());
        Assert.Equal(afterChange.ToJsonString(), again.ToJsonString());
    }
}
