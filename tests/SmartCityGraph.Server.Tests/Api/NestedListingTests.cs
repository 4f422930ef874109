using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>
/// The to-many relation fields (a phase's events, an organisation's pilots, …) take the same
/// <c>where</c> and <c>order</c> as the root connection of their items, and page the same way.
/// </summary>
public abstract class NestedListingTests(SeededServer seeded, SyntheticServer synthetic)
{
    private HttpClient Http => seeded.Http;

    public static TheoryData<bool, string, string, string, string, string, string> Cases => new()
    {
        // synthetic graph?, parent connection, parent type, field, item connection, where, order key (+ direction)
        { false, "phases", "Phase", "events", "events", "{ category: { eq: PARTICIPATION } }", "startDate DESC" },
        { false, "organisations", "Organisation", "events", "events", "{ startDate: { gte: \"2021-05-01\" } }", "title ASC" },
        { false, "organisations", "Organisation", "pilots", "pilots", "{ title: { contains: \"e\" } }", "title DESC" },
        { false, "participationStrands", "ParticipationStrand", "events", "events", "{ status: { eq: FINISHED } }", "endDate ASC" },
        { true, "phases", "Phase", "events", "events", "{ category: { in: [PARTICIPATION, NETWORK] } }", "title ASC" },
        { true, "organisations", "Organisation", "pilots", "pilots", "{ startDate: { gte: \"2024-01-01\" } }", "startDate DESC" },
        { true, "pilots", "Pilot", "events", "events", "{ or: [{ category: { eq: PARTICIPATION } }, { category: { neq: PARTICIPATION } }] }", "startDate ASC" },
        { true, "strategies", "Strategy", "phases", "phases", "{ title: { startsWith: \"\" } }", "endDate DESC" },
        { true, "participationStrands", "ParticipationStrand", "events", "events", "{ endDate: { eq: null } }", "startDate DESC" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task A_filtered_sorted_nested_connection_pages_through_exactly_the_matching_neighbours_in_order(
        bool onSyntheticGraph, string parents, string parentType, string field, string items, string where, string order)
    {
        var http = onSyntheticGraph ? synthetic.Http : seeded.Http;
        var (key, direction) = (order.Split(' ')[0], order.Split(' ')[1]);
        var orderArgument = $"[{{ {key}: {direction} }}]";
        var matchingIds = (await AllIdsAsync(http, items, where)).ToHashSet();

        var parentIds = (await http.PostGraphQLAsync($"{{ {parents}(first: 6) {{ nodes {{ id }} }} }}"))
            .AssertNoErrors().Data[parents]!["nodes"].Items().Select(n => n["id"].Text()).ToList();
        var visited = 0;
        foreach (var parent in parentIds)
        {
            var all = await WalkAsync(http, parent, parentType, field, "", "", key, backward: false);
            var forward = await WalkAsync(http, parent, parentType, field, where, orderArgument, key, backward: false);
            var backward = await WalkAsync(http, parent, parentType, field, where, orderArgument, key, backward: true);

            var expected = all.Ids.Where(matchingIds.Contains).ToHashSet();
            Assert.Equal(expected.Count, forward.Ids.Count);
            Assert.True(expected.SetEquals(forward.Ids), $"{parent}: the filtered walk should hold exactly the matching neighbours");
            Assert.Equal(forward.Ids.Count, forward.Total);
            Assert.Equal(forward.Ids, backward.Ids);
            AssertSorted(forward.Keys, descending: direction == "DESC");
            visited += forward.Ids.Count;
        }
        Assert.True(visited > 1, "the parents should have matching neighbours to page through");
    }

    [SkippableFact]
    public async Task Parents_asking_for_the_same_filtered_page_share_one_batch_and_get_their_own_pages()
    {
        const string query = """
            query($n: Int!) {
              organisations(first: $n) {
                nodes {
                  id
                  events(first: 2, where: { category: { eq: PARTICIPATION } }, order: [{ startDate: DESC }]) { totalCount nodes { id startDate } }
                  pilots(first: 2, order: [{ title: ASC }]) { nodes { id } }
                }
              }
            }
            """;
        var small = (await Http.PostGraphQLAsync(query, new { n = 3 })).AssertNoErrors();
        var large = (await Http.PostGraphQLAsync(query, new { n = 40 })).AssertNoErrors();

        Assert.Equal(small.SqlStatements, large.SqlStatements);
        foreach (var organisation in large.Data["organisations"]!["nodes"].Items())
        {
            var alone = await WalkAsync(Http, organisation["id"].Text(), "Organisation", "events",
                "{ category: { eq: PARTICIPATION } }", "[{ startDate: DESC }]", "startDate", backward: false);
            Assert.Equal(alone.Ids.Take(2), organisation["events"]!["nodes"].Items().Select(n => n["id"].Text()));
            Assert.Equal(alone.Total, organisation["events"]!["totalCount"]!.GetValue<int>());
        }
    }

    [SkippableFact]
    public async Task Differently_filtered_aliases_of_one_field_get_their_own_answers()
    {
        var answer = (await Http.PostGraphQLAsync("""
            {
              phases(first: 100) {
                nodes {
                  participation: events(first: 100, where: { category: { eq: PARTICIPATION } }) { totalCount nodes { category } }
                  other: events(first: 100, where: { category: { neq: PARTICIPATION } }) { totalCount nodes { category } }
                  all: events(first: 100) { totalCount }
                }
              }
            }
            """)).AssertNoErrors();

        foreach (var phase in answer.Data["phases"]!["nodes"].Items())
        {
            Assert.All(phase["participation"]!["nodes"].Items(), e => Assert.Equal("PARTICIPATION", e["category"].Text()));
            Assert.All(phase["other"]!["nodes"].Items(), e => Assert.NotEqual("PARTICIPATION", e["category"].Text()));
            Assert.Equal(phase["all"]!["totalCount"]!.GetValue<int>(),
                phase["participation"]!["totalCount"]!.GetValue<int>() + phase["other"]!["totalCount"]!.GetValue<int>());
        }
    }

    public static TheoryData<bool, string, string, string, string, string> ListCases => new()
    {
        // synthetic graph?, parent connection, list field, item connection, where, order key (+ direction)
        { false, "events", "organisers", "organisations", "{ type: { in: [CIVIL_SOCIETY, PUBLIC_ADMINISTRATION] } }", "title DESC" },
        { false, "pilots", "partners", "organisations", "{ title: { contains: \"a\" } }", "title ASC" },
        { false, "strategies", "elements", "strategyElements", "{ title: { startsWith: \"\" } }", "title DESC" },
        { true, "events", "organisers", "organisations", "{ or: [{ type: { eq: CIVIL_SOCIETY } }, { type: { neq: CIVIL_SOCIETY } }] }", "title ASC" },
        { true, "pilots", "partners", "organisations", "{ title: { contains: \"1\" } }", "title DESC" },
        { true, "phases", "children", "phases", "{ startDate: { gte: \"2020-01-01\" } }", "startDate DESC" },
        { true, "strategyElements", "children", "strategyElements", "{ title: { contains: \"e\" } }", "title ASC" },
    };

    [SkippableTheory]
    [MemberData(nameof(ListCases))]
    public async Task A_filtered_sorted_list_field_holds_exactly_the_matching_neighbours_in_order(
        bool onSyntheticGraph, string parents, string field, string items, string where, string order)
    {
        var http = onSyntheticGraph ? synthetic.Http : seeded.Http;
        var (key, direction) = (order.Split(' ')[0], order.Split(' ')[1]);
        var matchingIds = (await AllIdsAsync(http, items, where)).ToHashSet();
        var all = (await http.PostGraphQLAsync($"{{ {parents}(first: 100) {{ nodes {{ id {field} {{ id }} }} }} }}")).AssertNoErrors();
        var filtered = (await http.PostGraphQLAsync(
            $"{{ {parents}(first: 100) {{ nodes {{ id {field}(where: {where}, order: [{{ {key}: {direction} }}]) {{ id {key} }} }} }} }}")).AssertNoErrors();

        var expected = all.Data[parents]!["nodes"].Items().ToDictionary(
            p => p["id"].Text(), p => p[field]!.AsArray().Select(n => n!["id"].Text()).Where(matchingIds.Contains).ToHashSet());
        var listed = 0;
        foreach (var parent in filtered.Data[parents]!["nodes"].Items())
        {
            var list = parent[field]!.AsArray().Select(n => n!).ToList();
            Assert.True(expected[parent["id"].Text()].SetEquals(list.Select(n => n["id"].Text())), $"{parent["id"]}: the matching {field}");
            AssertSorted(list.Select(n => n[key]?.DeepClone()).ToList(), descending: direction == "DESC");
            listed += list.Count;
        }
        Assert.True(listed > 1, "some parents should have matching neighbours");
    }

    [SkippableTheory]
    [InlineData("events(where: { nonsense: { eq: 1 } }) { totalCount }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("events(where: { startDate: { contains: \"2021\" } }) { totalCount }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("events(order: [{ title: ASC, startDate: DESC }]) { totalCount }", "INVALID_INPUT")]
    [InlineData("events(first: 101, order: [{ title: ASC }]) { totalCount }", "PAGE_SIZE_EXCEEDED")]
    public async Task Bad_nested_filters_and_orders_are_refused_with_a_code(string selection, string code)
    {
        var answer = await Http.PostGraphQLAsync($"{{ phases(first: 1) {{ nodes {{ {selection} }} }} }}");

        Assert.Contains(code, answer.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_cursor_of_the_default_order_is_refused_under_another_order()
    {
        var cursor = (await Http.PostGraphQLAsync("{ phases(first: 1) { nodes { events(first: 1) { pageInfo { endCursor } } } } }"))
            .AssertNoErrors().Data["phases"]!["nodes"]![0]!["events"]!["pageInfo"]!["endCursor"].Text();

        var answer = await Http.PostGraphQLAsync(
            "query($c: String) { phases(first: 1) { nodes { events(after: $c, order: [{ startDate: DESC }]) { nodes { id } } } } }", new { c = cursor });

        Assert.Contains("INVALID_INPUT", answer.ErrorCodes);
    }

    private sealed record Walk(List<string> Ids, List<JsonNode?> Keys, int Total);

    /// <summary>The ids of every item of a root connection meeting <paramref name="where"/>.</summary>
    private static async Task<List<string>> AllIdsAsync(HttpClient http, string connection, string where)
    {
        var ids = new List<string>();
        string? cursor = null;
        while (true)
        {
            var page = (await http.PostGraphQLAsync(
                $"query($c: String) {{ {connection}(first: 100, after: $c, where: {where}) {{ nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }}",
                new { c = cursor })).AssertNoErrors().Data[connection]!;
            ids.AddRange(page["nodes"].Items().Select(n => n["id"].Text()));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return ids;
            cursor = page["pageInfo"]!["endCursor"].Text();
        }
    }

    /// <summary>Every item of one parent's connection, seven per page, forwards or backwards.</summary>
    private static async Task<Walk> WalkAsync(HttpClient http, string parent, string parentType, string field, string where, string order, string key, bool backward)
    {
        var arguments = (where.Length > 0 ? $", where: {where}" : "") + (order.Length > 0 ? $", order: {order}" : "");
        var paging = backward ? "last: 7, before: $c" : "first: 7, after: $c";
        var query = $$"""
            query($p: ID!, $c: String) {
              node(id: $p) { ... on {{parentType}} { {{field}}({{paging}}{{arguments}}) { totalCount nodes { id {{key}} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }
            }
            """;
        var ids = new List<string>();
        var keys = new List<JsonNode?>();
        string? cursor = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 200, "paging should end");
            var page = (await http.PostGraphQLAsync(query, new { p = parent, c = cursor })).AssertNoErrors().Data["node"]![field]!;
            var nodes = page["nodes"].Items().ToList();
            ids.InsertRange(backward ? 0 : ids.Count, nodes.Select(n => n["id"].Text()));
            keys.InsertRange(backward ? 0 : keys.Count, nodes.Select(n => n[key]?.DeepClone()));
            var info = page["pageInfo"]!;
            if (!info[backward ? "hasPreviousPage" : "hasNextPage"]!.GetValue<bool>())
                return new Walk(ids, keys, page["totalCount"]!.GetValue<int>());
            cursor = info[backward ? "startCursor" : "endCursor"].Text();
        }
    }

    /// <summary>Keys in order: no value first ascending (last descending), strings ordinally, dates as ISO text.</summary>
    private static void AssertSorted(List<JsonNode?> keys, bool descending)
    {
        for (var i = 1; i < keys.Count; i++)
        {
            var (a, b) = (keys[i - 1]?.GetValue<string>(), keys[i]?.GetValue<string>());
            var comparison = (a, b) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => string.CompareOrdinal(a, b),
            };
            Assert.True(descending ? comparison >= 0 : comparison <= 0, $"'{a}' then '{b}' breaks the order");
        }
    }
}

public sealed class NestedListingTestsOnSqlite(SeededSqliteServer seeded, SyntheticSqliteServer synthetic)
    : NestedListingTests(seeded, synthetic), IClassFixture<SeededSqliteServer>, IClassFixture<SyntheticSqliteServer>;

public sealed class NestedListingTestsOnPostgres(SeededPostgresServer seeded, SyntheticPostgresServer synthetic)
    : NestedListingTests(seeded, synthetic), IClassFixture<SeededPostgresServer>, IClassFixture<SyntheticPostgresServer>;
