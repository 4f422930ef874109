using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>Root connections' <c>where</c> and <c>order</c> checked against the data walked client-side.</summary>
public abstract class FilterTests(SeededServer server)
{
    private const string EventFields = "id title startDate status category organisers { id }";

    /// <summary>Every node of a connection, page by page, in the connection's order.</summary>
    private async Task<List<JsonNode>> AllAsync(string connection, string fields, string arguments = "", int size = 100, bool backward = false)
    {
        var nodes = new List<JsonNode>();
        string? cursor = null;
        while (true)
        {
            var paging = backward ? $"last: {size}, before: $c" : $"first: {size}, after: $c";
            var query = $"query($c: String) {{ {connection}({paging}{arguments}) {{ nodes {{ {fields} }} pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} }} }}";
            var page = (await server.Http.PostGraphQLAsync(query, new { c = cursor })).AssertNoErrors().Data[connection]!;
            var pageNodes = page["nodes"].Items().ToList();
            nodes.InsertRange(backward ? 0 : nodes.Count, pageNodes);
            var info = page["pageInfo"]!;
            if (!info[backward ? "hasPreviousPage" : "hasNextPage"]!.GetValue<bool>()) return nodes;
            cursor = info[backward ? "startCursor" : "endCursor"].Text();
        }
    }

    private async Task<int> CountAsync(string connection, string where)
    {
        var answer = (await server.Http.PostGraphQLAsync($"{{ {connection}(where: {where}) {{ totalCount }} }}")).AssertNoErrors();
        return answer.Data[connection]!["totalCount"]!.GetValue<int>();
    }

    private static IEnumerable<string> Ids(IEnumerable<JsonNode> nodes) => nodes.Select(n => n["id"].Text());

    [SkippableFact]
    public async Task A_date_range_finds_the_events_starting_in_it()
    {
        var events = await AllAsync("events", EventFields);
        var expected = events.Count(e => string.CompareOrdinal(e["startDate"].Text(), "2021-03-01") >= 0
                                         && string.CompareOrdinal(e["startDate"].Text(), "2021-04-01") < 0);

        var found = await AllAsync("events", EventFields, ", where: { startDate: { gte: \"2021-03-01\", lt: \"2021-04-01\" } }");

        Assert.True(expected > 0, "the seed has events in March 2021");
        Assert.Equal(expected, found.Count);
        Assert.All(found, e => Assert.StartsWith("2021-03-", e["startDate"].Text()));
    }

    [SkippableFact]
    public async Task Some_and_none_on_organisers_partition_the_events()
    {
        var all = await AllAsync("events", EventFields);
        var publicOrganiser = "{ organisers: { some: { type: { eq: PUBLIC_ADMINISTRATION } } } }";
        var noPublicOrganiser = "{ organisers: { none: { type: { eq: PUBLIC_ADMINISTRATION } } } }";

        var some = Ids(await AllAsync("events", "id", ", where: " + publicOrganiser)).ToHashSet();
        var none = Ids(await AllAsync("events", "id", ", where: " + noPublicOrganiser)).ToHashSet();

        Assert.NotEmpty(some);
        Assert.NotEmpty(none);
        Assert.Empty(some.Intersect(none));
        Assert.Equal(Ids(all).ToHashSet(), some.Union(none).ToHashSet());
    }

    [SkippableFact]
    public async Task Any_tells_events_with_organisers_from_those_without()
    {
        var all = await AllAsync("events", EventFields);
        var withOrganisers = all.Count(e => e["organisers"]!.AsArray().Count > 0);

        Assert.Equal(withOrganisers, await CountAsync("events", "{ organisers: { any: true } }"));
        Assert.Equal(all.Count - withOrganisers, await CountAsync("events", "{ organisers: { any: false } }"));
    }

    [SkippableFact]
    public async Task An_or_covering_every_case_misses_nothing()
    {
        var total = (await AllAsync("events", "id")).Count;

        var covered = await CountAsync("events", "{ or: [ { category: { eq: NETWORK } }, { category: { neq: NETWORK } } ] }");

        Assert.Equal(total, covered);
    }

    [SkippableFact]
    public async Task Category_and_status_filters_agree_with_the_fields()
    {
        var events = await AllAsync("events", EventFields);

        Assert.Equal(events.Count(e => e["category"].Text() == "NETWORK"), await CountAsync("events", "{ category: { eq: NETWORK } }"));
        Assert.Equal(events.Count(e => e["status"].Text() == "FINISHED"), await CountAsync("events", "{ status: { eq: FINISHED } }"));
        Assert.Equal(events.Count(e => e["status"].Text() != "FINISHED"), await CountAsync("events", "{ status: { nin: [FINISHED] } }"));
    }

    [SkippableFact]
    public async Task Contains_ignores_case()
    {
        var events = await AllAsync("events", EventFields);
        var expected = events.Count(e => e["title"].Text().Contains("mein.berlin", StringComparison.OrdinalIgnoreCase));

        Assert.True(expected > 0, "the seed has events about mein.berlin");
        Assert.Equal(expected, await CountAsync("events", "{ title: { contains: \"mein.berlin\" } }"));
        Assert.Equal(expected, await CountAsync("events", "{ title: { contains: \"MEIN.BERLIN\" } }"));
    }

    [SkippableFact]
    public async Task Where_and_order_can_come_from_variables()
    {
        var expected = await CountAsync("events", "{ category: { eq: PARTICIPATION }, startDate: { gte: \"2021-01-01\" } }");
        Assert.True(expected > 0, "the seed has participation events since 2021");

        var answer = (await server.Http.PostGraphQLAsync(
            "query($w: EventFilterInput, $o: [EventSortInput!]) { events(where: $w, order: $o) { totalCount } }",
            new { w = new { category = new { eq = "PARTICIPATION" }, startDate = new { gte = "2021-01-01" } }, o = new[] { new { startDate = "DESC" } } }))
            .AssertNoErrors();

        Assert.Equal(expected, answer.Data["events"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task An_empty_in_list_matches_nothing()
    {
        Assert.Equal(0, await CountAsync("events", "{ category: { in: [] } }"));
    }

    [SkippableFact]
    public async Task Every_root_connection_takes_where_and_order()
    {
        foreach (var connection in new[] { "strategies", "phases", "events", "organisations", "pilots", "strategyElements", "participationStrands",
                                           "documents", "results", "terms", "collections", "series" })
        {
            var all = await AllAsync(connection, "id title");
            var byTitle = await AllAsync(connection, "id title", ", where: { title: { neq: \"\" } }, order: [{ title: DESC }]");
            Assert.Equal(all.Count, byTitle.Count);
            var titles = byTitle.Select(n => n["title"].Text()).ToList();
            Assert.Equal(titles.OrderByDescending(t => t, StringComparer.Ordinal), titles);
        }
    }

    [SkippableTheory]
    [InlineData(7)]
    [InlineData(100)]
    public async Task Paging_by_startDate_DESC_visits_every_event_once_in_order(int size)
    {
        var total = (await AllAsync("events", "id")).Count;

        var forward = await AllAsync("events", "id startDate", ", order: [{ startDate: DESC }]", size);
        var backward = await AllAsync("events", "id startDate", ", order: [{ startDate: DESC }]", size, backward: true);

        Assert.Equal(total, Ids(forward).Distinct().Count());
        Assert.Equal(Ids(forward), Ids(backward));
        var dates = forward.Select(e => e["startDate"].Text()).ToList();
        Assert.Equal(dates.OrderByDescending(d => d, StringComparer.Ordinal), dates);
    }

    [SkippableFact]
    public async Task Paging_by_a_nullable_key_visits_every_node_once()
    {
        var forward = Ids(await AllAsync("events", "id", ", order: [{ endDate: ASC }, { title: DESC }]", 5)).ToList();
        var backward = Ids(await AllAsync("events", "id", ", order: [{ endDate: ASC }, { title: DESC }]", 5, backward: true)).ToList();
        var total = (await AllAsync("events", "id")).Count;

        Assert.Equal(total, forward.Distinct().Count());
        Assert.Equal(forward, backward);
    }

    [SkippableFact]
    public async Task A_filtered_sorted_page_takes_few_SQL_statements()
    {
        var answer = (await server.Http.PostGraphQLAsync(
            "{ events(first: 20, where: { organisers: { some: { title: { contains: \"senat\" } } }, status: { in: [FINISHED, ONGOING] } }, order: [{ startDate: DESC }]) { totalCount nodes { id title } } }"))
            .AssertNoErrors();

        Assert.InRange(answer.SqlStatements, 1, 3);
    }

    [SkippableFact]
    public async Task A_cursor_of_another_order_is_refused()
    {
        var cursor = (await server.Http.PostGraphQLAsync("{ events(first: 1, order: [{ startDate: DESC }]) { pageInfo { endCursor } } }"))
            .AssertNoErrors().Data["events"]!["pageInfo"]!["endCursor"].Text();

        var answer = await server.Http.PostGraphQLAsync("query($c: String) { events(after: $c, order: [{ title: ASC }]) { nodes { id } } }", new { c = cursor });

        Assert.Equal(["INVALID_INPUT"], answer.ErrorCodes);
    }

    [SkippableTheory]
    [InlineData("{ events(order: [{ title: ASC, startDate: DESC }]) { nodes { id } } }", "INVALID_INPUT")]
    [InlineData("{ events(order: [{ title: ASC }, { title: DESC }]) { nodes { id } } }", "INVALID_INPUT")]
    [InlineData("{ events(where: { nonsense: { eq: 1 } }) { nodes { id } } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ events(where: { startDate: { contains: \"2021\" } }) { nodes { id } } }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ events(where: { startDate: { gt: null } }) { nodes { id } } }", "INVALID_INPUT")]
    public async Task Bad_filter_and_sort_input_is_refused(string query, string code)
    {
        var answer = await server.Http.PostGraphQLAsync(query);
        Assert.Equal([code], answer.ErrorCodes);
    }
}

public sealed class FilterTestsOnSqlite(SeededSqliteServer server) : FilterTests(server), IClassFixture<SeededSqliteServer>;

public sealed class FilterTestsOnPostgres(SeededPostgresServer server) : FilterTests(server), IClassFixture<SeededPostgresServer>;
