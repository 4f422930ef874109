using Snapshooter.Xunit;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>The seeded knowledge base as a journalist meets it through the API.</summary>
public abstract class KnowledgeBaseTests(SeededServer server)
{
    private async Task<List<System.Text.Json.Nodes.JsonNode>> AllEventsAsync()
    {
        var events = new List<System.Text.Json.Nodes.JsonNode>();
        string? after = null;
        do
        {
            var page = (await server.Http.PostGraphQLAsync(
                "query($a: String) { events(first: 100, after: $a) { nodes { title startDate endDate status recordedStatus category timelineRow titleKnown phase { title } } pageInfo { hasNextPage endCursor } } }",
                new { a = after })).AssertNoErrors().Data["events"]!;
            events.AddRange(page["nodes"].Items());
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"].Text() : null;
        } while (after is not null);
        return events;
    }

    [SkippableFact]
    public async Task The_63_timeline_rows_are_participation_events_and_stale_plans_show_as_finished()
    {
        var rows = (await AllEventsAsync()).Where(e => e["timelineRow"] is not null).ToList();

        Assert.Equal(63, rows.Count);
        Assert.All(rows, e => Assert.Equal("PARTICIPATION", e["category"].Text()));
        // "Today" is 2026-11-26: every 2022 row the source still called planned is over.
        var stale = rows.Where(e => e["recordedStatus"].Text() == "PLANNED").ToList();
        Assert.NotEmpty(stale);
        Assert.All(stale, e => Assert.Equal("FINISHED", e["status"].Text()));
        Assert.All(rows, e => Assert.NotNull(e["phase"]));
    }

    [SkippableTheory]
    [InlineData("mein.berlin Kommentierung Strategie", "2022-06-16", "2022-07-06")]
    [InlineData("mein.berlin für Zwischenergebnissen Aktionen", "2022-04-30", "2022-05-19")]
    [InlineData("mein.berlin für Zwischenergebnisse Ambitionen", "2022-03-01", "2022-03-16")]
    [InlineData("Workshops mit der Wirtschaft", "2021-03-16", "2021-03-25")]
    [InlineData("Workshops mit der Zivilgesellschaft", "2021-03-17", "2021-03-30")]
    public async Task Titled_and_matched_rows_are_findable_with_their_dates(string title, string start, string end)
    {
        var match = Assert.Single(await AllEventsAsync(), e => e["title"].Text() == title);
        Assert.Equal((start, end), (match["startDate"].Text(), match["endDate"].Text()));
    }

    [SkippableFact]
    public async Task The_five_pilots_have_leads_partners_and_funders()
    {
        var answer = await server.Http.PostGraphQLAsync(
            "{ pilots { totalCount nodes { title seedTitle startDate endDate lead { title type } partners { title } funders { title } } } }");

        var pilots = answer.AssertNoErrors().Data["pilots"]!;
        Assert.Equal(5, pilots["totalCount"]!.GetValue<int>());
        Assert.All(pilots["nodes"].Items(), p =>
        {
            Assert.NotNull(p["lead"]);
            Assert.NotEmpty(p["funders"]!.AsArray());
        });
        Snapshot.Match(pilots.ToIndentedJson());
    }

    [SkippableFact]
    public async Task Phases_nest_and_link_to_the_strategies_they_produced()
    {
        var answer = await server.Http.PostGraphQLAsync(
            "{ strategies { nodes { title adoptedOn phases { nodes { title startDate endDate parent { title } children { title } } } } } }");

        var strategies = answer.AssertNoErrors().Data["strategies"]!["nodes"].Items().ToList();
        var produced = strategies.Where(s => s["phases"]!["nodes"]!.AsArray().Count > 0).ToList();
        Assert.Equal(2, produced.Count);
        Assert.All(produced, s => Assert.NotNull(s["adoptedOn"]));
        Assert.Contains(strategies, s => s["title"].Text() == "Gemeinsam Digital: Berlin" && s["adoptedOn"].Text() == "2022-12-20");
        Assert.All(produced.SelectMany(s => s["phases"]!["nodes"].Items()), p => Assert.NotNull(p["parent"]));
        Snapshot.Match(new System.Text.Json.Nodes.JsonArray(strategies.Select(s => s.DeepClone()).ToArray()).ToIndentedJson());
    }

    [SkippableFact]
    public async Task Relations_are_typed_and_sourced_in_both_directions()
    {
        var answer = await server.Http.PostGraphQLAsync(
            "{ pilots(first: 1) { nodes { title relations(direction: IN, types: [LEADS]) { totalCount nodes { type role from { kind title } to { title } sources { title } } } } } }");

        var pilot = answer.AssertNoErrors().Data["pilots"]!["nodes"]![0]!;
        var relation = Assert.Single(pilot["relations"]!["nodes"].Items());
        Assert.Equal("LEADS", relation["type"].Text());
        Assert.Equal("ORGANISATION", relation["from"]!["kind"].Text());
        Assert.Equal(pilot["title"].Text(), relation["to"]!["title"].Text());
        Assert.NotEmpty(relation["sources"]!.AsArray());
    }
}

public abstract class ResponseEncodingTests(SeededServer server)
{
    [SkippableFact]
    public async Task German_text_is_sent_as_UTF_8_not_as_escapes()
    {
        var answer = await server.Http.PostGraphQLAsync("{ events(first: 100) { nodes { title } } }");

        Assert.Contains("für", answer.AssertNoErrors().Body);
        Assert.DoesNotContain("\\u00FC", answer.Body, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class KnowledgeBaseTestsOnSqlite(SeededSqliteServer server) : KnowledgeBaseTests(server), IClassFixture<SeededSqliteServer>;

public sealed class KnowledgeBaseTestsOnPostgres(SeededPostgresServer server) : KnowledgeBaseTests(server), IClassFixture<SeededPostgresServer>;

public sealed class ResponseEncodingTestsOnSqlite(SeededSqliteServer server) : ResponseEncodingTests(server), IClassFixture<SeededSqliteServer>;

public sealed class ResponseEncodingTestsOnPostgres(SeededPostgresServer server) : ResponseEncodingTests(server), IClassFixture<SeededPostgresServer>;
