using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Graph;

/// <summary>The "Zeitschiene": phases, events and pilots in one chronological list.</summary>
public abstract class TimelineTests(SeededServer server)
{
    private const string Query = """
        query($from: Date, $to: Date, $kinds: [NodeKind!]) {
          timeline(from: $from, to: $to, kinds: $kinds) { kind lane title startDate endDate milestone entity { id title } }
        }
        """;

    private async Task<GraphQLAnswer> Timeline(string? from = null, string? to = null, string[]? kinds = null) =>
        await server.Http.PostGraphQLAsync(Query, new { from, to, kinds });

    [SkippableFact]
    public async Task The_timeline_is_sorted_and_mixes_phases_events_and_pilots()
    {
        var answer = await Timeline();
        var items = answer.AssertNoErrors().Data["timeline"].Items().ToList();
        var starts = items.Select(i => DateOnly.Parse(i["startDate"].Text())).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.Equal(["EVENT", "PHASE", "PILOT"], items.Select(i => i["kind"].Text()).Distinct().Order());
        Assert.Contains(items, i => i["lane"].Text() == "PARTICIPATION_EVENTS");
        Assert.Contains(items, i => i["lane"].Text() == "PILOTS" && i["title"].Text() == "Smart Water");
        Assert.All(items, i => Assert.Equal(i["title"].Text(), i["entity"]!["title"].Text()));
        Assert.InRange(answer.SqlStatements, 1, 1);
    }

    [SkippableFact]
    public async Task A_range_keeps_what_overlaps_it()
    {
        var items = (await Timeline("2022-03-01", "2022-03-31")).AssertNoErrors().Data["timeline"].Items().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            var start = DateOnly.Parse(i["startDate"].Text());
            var end = i["endDate"] is { } e ? DateOnly.Parse(e.GetValue<string>()) : start;
            Assert.True(start <= new DateOnly(2022, 3, 31) && end >= new DateOnly(2022, 3, 1), i.ToJsonString());
        });
        var events = (await Timeline("2022-03-01", "2022-03-31", ["EVENT"])).AssertNoErrors().Data["timeline"].Items();
        Assert.All(events, i => Assert.Equal("EVENT", i["kind"].Text()));
    }

    [SkippableFact]
    public async Task Bad_ranges_and_undated_kinds_are_invalid_input()
    {
        Assert.Equal(["INVALID_INPUT"], (await Timeline("2022-12-31", "2022-01-01")).ErrorCodes);
        Assert.Equal(["INVALID_INPUT"], (await Timeline(kinds: ["ORGANISATION"])).ErrorCodes);
    }
}

public sealed class TimelineTestsOnSqlite(SeededSqliteServer server) : TimelineTests(server), IClassFixture<SeededSqliteServer>;

public sealed class TimelineTestsOnPostgres(SeededPostgresServer server) : TimelineTests(server), IClassFixture<SeededPostgresServer>;
