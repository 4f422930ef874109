using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>Root connections' <c>facets</c> and <c>aggregate</c> checked against the data walked client-side.</summary>
public abstract class FacetTests(SeededServer server)
{
    private const string EventFields = "id startDate endDate status category type recordedStatus organisers { id title type }";
    private const string SingleValuedEventFacets =
        "status { value count } category { value count } type { value count } recordedStatus { value count } "
        + "startMonth { value count } startYear { value count } endMonth { value count } endYear { value count }";

    /// <summary>Every node of a connection, page by page.</summary>
    private async Task<List<JsonNode>> AllAsync(string connection, string fields, string arguments = "")
    {
        var nodes = new List<JsonNode>();
        string? cursor = null;
        while (true)
        {
            var query = $"query($c: String) {{ {connection}(first: 100, after: $c{arguments}) {{ nodes {{ {fields} }} pageInfo {{ hasNextPage endCursor }} }} }}";
            var page = (await server.Http.PostGraphQLAsync(query, new { c = cursor })).AssertNoErrors().Data[connection]!;
            nodes.AddRange(page["nodes"].Items());
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return nodes;
            cursor = page["pageInfo"]!["endCursor"].Text();
        }
    }

    private static Dictionary<string, int> Buckets(JsonNode? facet) =>
        facet.Items().ToDictionary(b => b["value"]?.GetValue<string>() ?? "(null)", b => b["count"]!.GetValue<int>());

    private static Dictionary<string, int> CountBy(IEnumerable<JsonNode> nodes, Func<JsonNode, string?> value) =>
        nodes.GroupBy(n => value(n) ?? "(null)").ToDictionary(g => g.Key, g => g.Count());

    private static string? Str(JsonNode node, string field) => node[field]?.GetValue<string>();

    private static string? Month(string? date) => date?[..7];
    private static string? Year(string? date) => date?[..4];

    public static TheoryData<string> Wheres => new()
    {
        "",
        ", where: { category: { eq: NETWORK } }",
        ", where: { status: { eq: FINISHED } }",
        ", where: { startDate: { gte: \"2021-01-01\", lt: \"2022-01-01\" } }",
        ", where: { organisers: { some: { type: { eq: CIVIL_SOCIETY } } } }",
        ", where: { title: { eq: \"no event has this title\" } }",
    };

    [SkippableTheory]
    [MemberData(nameof(Wheres))]
    public async Task Event_facets_add_up_to_totalCount_and_agree_with_the_events_for_the_same_where(string where)
    {
        var events = await AllAsync("events", EventFields, where);
        var answer = (await server.Http.PostGraphQLAsync(
            $"{{ events(first: 0{where}) {{ totalCount facets {{ {SingleValuedEventFacets} organisers {{ value label count }} organiserType {{ value count }} }} }} }}")).AssertNoErrors();
        var connection = answer.Data["events"]!;
        var facets = connection["facets"]!;

        Assert.Equal(events.Count, connection["totalCount"]!.GetValue<int>());
        foreach (var name in new[] { "status", "category", "type", "recordedStatus", "startMonth", "startYear", "endMonth", "endYear" })
            Assert.True(events.Count == Buckets(facets[name]).Values.Sum(), $"{name} adds up to {Buckets(facets[name]).Values.Sum()}, not {events.Count}");

        Assert.Equal(CountBy(events, e => Str(e, "status")), Buckets(facets["status"]));
        Assert.Equal(CountBy(events, e => Str(e, "category")), Buckets(facets["category"]));
        Assert.Equal(CountBy(events, e => Str(e, "type")), Buckets(facets["type"]));
        Assert.Equal(CountBy(events, e => Str(e, "recordedStatus")), Buckets(facets["recordedStatus"]));
        Assert.Equal(CountBy(events, e => Month(Str(e, "startDate"))), Buckets(facets["startMonth"]));
        Assert.Equal(CountBy(events, e => Year(Str(e, "startDate"))), Buckets(facets["startYear"]));
        Assert.Equal(CountBy(events, e => Month(Str(e, "endDate"))), Buckets(facets["endMonth"]));
        Assert.Equal(CountBy(events, e => Year(Str(e, "endDate"))), Buckets(facets["endYear"]));

        // Organiser types: each event once per distinct type among its organisers.
        var perType = events.SelectMany(e => e["organisers"].Items().Select(o => Str(o, "type") ?? "(null)").Distinct())
            .GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(perType, Buckets(facets["organiserType"]));

        // Organisers: the top 50 organisations by number of events, each with its true count and name.
        var perOrganiser = events.SelectMany(e => e["organisers"].Items().Select(o => (Id: o["id"].Text(), Title: o["title"].Text())))
            .GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        var organisers = facets["organisers"].Items().ToList();
        Assert.Equal(Math.Min(50, perOrganiser.Count), organisers.Count);
        foreach (var bucket in organisers)
            Assert.Equal(perOrganiser[(bucket["value"].Text(), bucket["label"].Text())], bucket["count"]!.GetValue<int>());
        var counts = organisers.Select(b => b["count"]!.GetValue<int>()).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        if (counts.Count > 0) Assert.True(perOrganiser.Values.OrderDescending().Take(counts.Count).SequenceEqual(counts));
    }

    [SkippableFact]
    public async Task Month_buckets_are_chronological_and_formatted_as_year_and_month()
    {
        var answer = (await server.Http.PostGraphQLAsync("{ events { facets { startMonth { value count } startYear { value count } } } }")).AssertNoErrors();
        var months = answer.Data["events"]!["facets"]!["startMonth"].Items().Select(b => b["value"].Text()).ToList();
        var years = answer.Data["events"]!["facets"]!["startYear"].Items().Select(b => b["value"].Text()).ToList();

        Assert.Contains("2021-03", months);
        Assert.All(months, m => Assert.Matches(@"^\d{4}-(0[1-9]|1[0-2])$", m));
        Assert.All(years, y => Assert.Matches(@"^\d{4}$", y));
        Assert.Equal(months.Order(StringComparer.Ordinal), months);
        Assert.Equal(years.Order(StringComparer.Ordinal), years);
    }

    [SkippableFact]
    public async Task Aggregate_gives_the_earliest_and_latest_dates_for_the_same_where()
    {
        foreach (var (connection, where) in new[] { ("events", ""), ("events", ", where: { category: { eq: PARTICIPATION } }"), ("phases", ""), ("pilots", "") })
        {
            var items = await AllAsync(connection, "startDate endDate", where);
            var answer = (await server.Http.PostGraphQLAsync(
                $"{{ {connection}(first: 0{where}) {{ aggregate {{ startDate {{ min max }} endDate {{ min max }} }} }} }}")).AssertNoErrors();
            var aggregate = answer.Data[connection]!["aggregate"]!;
            foreach (var date in new[] { "startDate", "endDate" })
            {
                var values = items.Select(i => Str(i, date)).OfType<string>().Order(StringComparer.Ordinal).ToList();
                Assert.Equal(values.FirstOrDefault(), Str(aggregate[date]!, "min"));
                Assert.Equal(values.LastOrDefault(), Str(aggregate[date]!, "max"));
            }
        }
    }

    [SkippableFact]
    public async Task An_empty_list_has_no_buckets_and_no_date_range()
    {
        var answer = (await server.Http.PostGraphQLAsync(
            "{ events(where: { title: { eq: \"nothing\" } }) { totalCount facets { status { value count } startMonth { value } organisers { value } } aggregate { startDate { min max } } } }"))
            .AssertNoErrors();
        var events = answer.Data["events"]!;

        Assert.Equal(0, events["totalCount"]!.GetValue<int>());
        Assert.Empty(events["facets"]!["status"]!.AsArray());
        Assert.Empty(events["facets"]!["startMonth"]!.AsArray());
        Assert.Empty(events["facets"]!["organisers"]!.AsArray());
        Assert.Null(events["aggregate"]!["startDate"]!["min"]);
        Assert.Null(events["aggregate"]!["startDate"]!["max"]);
    }

    [SkippableFact]
    public async Task Finished_events_per_month_by_kind_of_organiser_come_in_one_request_with_aliases()
    {
        const string query = """
            {
              civilSociety: events(first: 0, where: { status: { eq: FINISHED }, organisers: { some: { type: { eq: CIVIL_SOCIETY } } } }) {
                totalCount facets { startMonth { value count } } }
              administration: events(first: 0, where: { status: { eq: FINISHED }, organisers: { some: { type: { eq: PUBLIC_ADMINISTRATION } } } }) {
                totalCount facets { startMonth { value count } } }
            }
            """;
        var answer = (await server.Http.PostGraphQLAsync(query)).AssertNoErrors();

        foreach (var (alias, type) in new[] { ("civilSociety", "CIVIL_SOCIETY"), ("administration", "PUBLIC_ADMINISTRATION") })
        {
            var events = (await AllAsync("events", EventFields, ", where: { status: { eq: FINISHED } }"))
                .Where(e => e["organisers"].Items().Any(o => Str(o, "type") == type)).ToList();
            var result = answer.Data[alias]!;
            Assert.NotEmpty(events);
            Assert.Equal(events.Count, result["totalCount"]!.GetValue<int>());
            Assert.Equal(CountBy(events, e => Month(Str(e, "startDate"))), Buckets(result["facets"]!["startMonth"]));
        }
        Assert.NotEqual(answer.Data["civilSociety"]!["totalCount"]!.GetValue<int>(), answer.Data["administration"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Each_facet_is_one_statement_and_the_aggregate_one_more()
    {
        var answer = (await server.Http.PostGraphQLAsync(
            "{ events(first: 0, where: { status: { eq: FINISHED } }) { totalCount facets { status { count } category { count } startMonth { count } organisers { count } } aggregate { startDate { min max } endDate { min max } } } }"))
            .AssertNoErrors();

        // totalCount 1, four facets 4, the aggregate 1 (first: 0 reads no page).
        Assert.Equal(6, answer.SqlStatements);

        var none = (await server.Http.PostGraphQLAsync("{ events(first: 0) { totalCount } }")).AssertNoErrors();
        Assert.Equal(1, none.SqlStatements);
    }

    [SkippableFact]
    public async Task Other_root_connections_have_facets_that_add_up()
    {
        var organisations = await AllAsync("organisations", "type");
        var byType = (await server.Http.PostGraphQLAsync("{ organisations { totalCount facets { type { value count } } } }")).AssertNoErrors().Data["organisations"]!;
        Assert.Equal(CountBy(organisations, o => Str(o, "type")), Buckets(byType["facets"]!["type"]));
        Assert.Equal(byType["totalCount"]!.GetValue<int>(), Buckets(byType["facets"]!["type"]).Values.Sum());

        foreach (var connection in new[] { "phases", "pilots" })
        {
            var items = await AllAsync(connection, "startDate");
            var facets = (await server.Http.PostGraphQLAsync($"{{ {connection} {{ facets {{ startYear {{ value count }} startMonth {{ value count }} }} }} }}"))
                .AssertNoErrors().Data[connection]!["facets"]!;
            Assert.Equal(CountBy(items, i => Year(Str(i, "startDate"))), Buckets(facets["startYear"]));
            Assert.Equal(CountBy(items, i => Month(Str(i, "startDate"))), Buckets(facets["startMonth"]));
        }
    }

    [SkippableFact]
    public async Task Pilot_facets_count_pilots_per_partner_and_funder()
    {
        var pilots = await AllAsync("pilots", "id partners { id title } funders { id title }");
        var facets = (await server.Http.PostGraphQLAsync("{ pilots { totalCount facets { partners { value label count } funders { value label count } } } }"))
            .AssertNoErrors().Data["pilots"]!["facets"]!;

        foreach (var relation in new[] { "partners", "funders" })
        {
            var expected = pilots.SelectMany(p => p[relation].Items().Select(o => (o["id"].Text(), o["title"].Text())))
                .GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
            var actual = facets[relation].Items().ToDictionary(b => (b["value"].Text(), b["label"].Text()), b => b["count"]!.GetValue<int>());
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
    }

    [SkippableFact]
    public async Task Nested_lists_refuse_facets_with_a_clear_error()
    {
        var answer = await server.Http.PostGraphQLAsync("{ pilots(first: 1) { nodes { title events { facets { status { count } } } } } }");

        Assert.Contains("INVALID_INPUT", answer.ErrorCodes);
        Assert.Contains(answer.Errors!, e => e!["message"]!.GetValue<string>().Contains("root connections", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Facets_cost_a_bounded_amount()
    {
        var answer = (await server.Http.PostGraphQLAsync(
            "{ events(first: 0) { facets { status { count } organisers { value count } } } }", headers: new Dictionary<string, string> { ["GraphQL-Cost"] = "report" }))
            .AssertNoErrors();
        var cost = answer.Json["extensions"]!["cost"]!["cost"]!.GetValue<int>();

        // events 1 + facets 1 + status (4 statuses) + organisers (the top 50).
        Assert.Equal(1 + 1 + 4 + 50, cost);
    }
}

public sealed class FacetTestsOnSqlite(SeededSqliteServer server) : FacetTests(server), IClassFixture<SeededSqliteServer>;

public sealed class FacetTestsOnPostgres(SeededPostgresServer server) : FacetTests(server), IClassFixture<SeededPostgresServer>;
