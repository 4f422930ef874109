using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>The JSON-LD parses, says which vocabulary it uses and types every entity with schema.org.</summary>
public abstract class JsonLdExportTests(ExportFixture fixture)
{
    [SkippableFact]
    public async Task JSON_LD_types_every_entity_with_schema_org_and_describes_the_data_set()
    {
        var graph = await LoadGraphAsync();
        var types = graph.Where(n => n["@type"] is not null).GroupBy(n => n["@type"].Text()).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(fixture.TotalCounts["events"], types["Event"]);
        Assert.Equal(fixture.TotalCounts["organisations"], types["Organization"]);
        Assert.Equal(fixture.TotalCounts["pilots"], types["Project"]);
        Assert.Equal(fixture.TotalCounts["strategies"] + fixture.TotalCounts["results"], types["CreativeWork"]);
        Assert.Equal(fixture.TotalCounts["strategyElements"] + fixture.TotalCounts["terms"], types["DefinedTerm"]);
        Assert.Equal(fixture.TotalCounts["documents"], types["DigitalDocument"]);
        Assert.Equal(fixture.TotalCounts["collections"], types["Collection"]);
        Assert.Equal(fixture.TotalCounts["series"], types["EventSeries"]);
        Assert.Equal(fixture.TotalCounts["phases"] + fixture.TotalCounts["participationStrands"], types["Thing"]);
        Assert.Equal(1, types["Dataset"]);

        var dataSet = graph.Single(n => n["@type"]?.Text() == "Dataset");
        Assert.StartsWith("Data: SmartCityGraph", dataSet["creditText"].Text());
        Assert.Matches("^[0-9a-f]{12}$", dataSet["version"].Text());
        // Every entity cites its sources; every relation fragment has a Role with its type and sources.
        Assert.All(graph.Where(n => n["scg:kind"] is not null), n => Assert.NotEmpty(n["citation"]!.AsArray()));
        var fragments = graph.Where(n => n["@type"] is null).ToList();
        Assert.Equal(fixture.Relations, fragments.Count);
        Assert.All(fragments, f =>
        {
            var role = f.AsObject().Single(p => p.Key != "@id").Value!;
            Assert.Equal("Role", role["@type"].Text());
            Assert.NotEmpty(role["citation"]!.AsArray());
        });
    }

    [SkippableFact]
    public async Task An_event_has_schema_org_status_and_organizers()
    {
        var graph = await LoadGraphAsync();
        var events = graph.Where(n => n["@type"]?.Text() == "Event").ToList();
        Assert.All(events, e => Assert.Matches("^https://schema.org/Event(Scheduled|Cancelled)$", e["eventStatus"].Text()));
        var eventIds = events.Select(e => e["@id"].Text()).ToHashSet();
        Assert.Contains(graph, n => n["@type"] is null && n["organizer"] is not null && eventIds.Contains(n["@id"].Text()));
    }

    [SkippableFact]
    public async Task The_first_pilot_matches_its_snapshot()
    {
        var graph = await LoadGraphAsync();
        var pilot = graph.First(n => n["@type"]?.Text() == "Project");
        pilot.ToIndentedJson().MatchSnapshot();
    }

    private async Task<List<JsonNode>> LoadGraphAsync()
    {
        var response = await fixture.GetAsync("/export/kb.jsonld", "application/ld+json");
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://schema.org/", document["@context"]!["@vocab"].Text());
        return document["@graph"].Items().ToList();
    }
}

public sealed class JsonLdExportTestsOnSqlite(SqliteExportFixture fixture) : JsonLdExportTests(fixture), IClassFixture<SqliteExportFixture>;

public sealed class JsonLdExportTestsOnPostgres(PostgresExportFixture fixture) : JsonLdExportTests(fixture), IClassFixture<PostgresExportFixture>;
