using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Search;

/// <summary>Full-text search over the seed: ranked, German-aware, safe for any text, paged and cheap in statements.</summary>
/// <param name="statementsWithTotal">Statements of one search page with its total: on SQLite the page counts the matches with it.</param>
public abstract class SearchTests(SeededServer server, int statementsWithTotal)
{
    private const string Search = """
        query($q: String!, $kinds: [NodeKind!], $first: Int, $after: String) {
          search(query: $q, kinds: $kinds, first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { cursor node { score highlight entity { id kind title } } }
          }
        }
        """;

    private async Task<GraphQLAnswer> SearchFor(string q, string[]? kinds = null, int? first = null, string? after = null) =>
        await server.Http.PostGraphQLAsync(Search, new { q, kinds, first, after });

    private static List<JsonNodeHit> Hits(GraphQLAnswer answer) =>
        answer.AssertNoErrors().Data["search"]!["edges"].Items().Select(e => new JsonNodeHit(
            e["node"]!["entity"]!["title"].Text(), e["node"]!["entity"]!["kind"].Text(), e["node"]!["score"]!.GetValue<double>(),
            e["node"]!["highlight"]?.GetValue<string>())).ToList();

    private sealed record JsonNodeHit(string Title, string Kind, double Score, string? Highlight);

    [SkippableFact]
    public async Task Wasser_ranks_the_Smart_Water_pilot_first()
    {
        var hits = Hits(await SearchFor("Wasser"));
        Assert.Equal(("Smart Water", "PILOT"), (hits[0].Title, hits[0].Kind));
        Assert.Contains(hits, h => h.Title == "Berliner Wasserbetriebe");
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
    }

    [SkippableFact]
    public async Task Buerger_finds_the_Buergerinnenhaushalt_whatever_the_case_and_umlaut()
    {
        foreach (var q in new[] { "Bürger", "bürger", "BURGER", "Burger" })
        {
            var hits = Hits(await SearchFor(q));
            var hit = Assert.Single(hits, h => h.Title == "Bürger:innenhaushalt und smarte Partizipation");
            Assert.Contains("«Bürger»", hit.Highlight);
        }
    }

    [SkippableFact]
    public async Task A_prefix_finds_the_Hardenbergplatz_pilot()
    {
        var hits = Hits(await SearchFor("hardenberg", kinds: ["PILOT"]));
        Assert.Equal("Smart Space Hardenbergplatz", Assert.Single(hits).Title);
        Assert.Contains("«Hardenbergplatz»", hits[0].Highlight);
    }

    [SkippableFact]
    public async Task Kinds_narrow_the_hits()
    {
        var hits = Hits(await SearchFor("Berlin", kinds: ["ORGANISATION"], first: 50));
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("ORGANISATION", h.Kind));
    }

    [SkippableFact]
    public async Task Pages_follow_each_other_without_gaps_and_count_the_total()
    {
        var all = await SearchFor("Berlin", first: 100);
        var total = all.AssertNoErrors().Data["search"]!["totalCount"]!.GetValue<int>();
        var titles = Hits(all).Select(h => h.Title + h.Kind).ToList();
        Assert.True(total > 6, $"expected more than 6 hits for Berlin, got {total}");

        var first = await SearchFor("Berlin", first: 3);
        var cursor = first.Data["search"]!["pageInfo"]!["endCursor"].Text();
        Assert.True(first.Data["search"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var second = await SearchFor("Berlin", first: 3, after: cursor);
        Assert.Equal(titles.Take(6), Hits(first).Concat(Hits(second)).Select(h => h.Title + h.Kind));

        var other = await SearchFor("Wasser", first: 3, after: cursor);
        Assert.Equal(["INVALID_INPUT"], other.ErrorCodes); // a cursor of another search
    }

    [SkippableTheory]
    [InlineData("\"unbalanced")]
    [InlineData("Wasser*")]
    [InlineData("NEAR(Smart Water)")]
    [InlineData("Smart AND OR NOT")]
    [InlineData("title:Water ^Smart")]
    [InlineData("(Smart")]
    [InlineData("Bürger:innenhaushalt")]
    [InlineData("' OR 1=1 --")]
    public async Task Query_syntax_is_read_as_plain_words(string q)
    {
        var answer = await SearchFor(q);
        answer.AssertNoErrors();
        Assert.Equal(200, answer.Status);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*()")]
    public async Task Empty_searches_are_invalid_input(string q)
    {
        var answer = await SearchFor(q);
        Assert.Equal(["INVALID_INPUT"], answer.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_10000_character_search_is_invalid_input()
    {
        var answer = await SearchFor(new string('x', 10_000));
        Assert.Equal(["INVALID_INPUT"], answer.ErrorCodes);
        Assert.Contains("200", answer.Errors![0]!["message"].Text());
    }

    [SkippableFact]
    public async Task Paging_is_capped()
    {
        Assert.Equal(["PAGE_SIZE_EXCEEDED"], (await SearchFor("Berlin", first: 101)).ErrorCodes);
        var forged = SmartCityGraph.GraphQL.Paging.Cursor.Encode("Query.search|x", 5000);
        Assert.Equal(["INVALID_INPUT"], (await SearchFor("Berlin", after: forged)).ErrorCodes);
    }

    [SkippableFact]
    public async Task A_search_runs_the_same_few_statements_for_one_hit_and_for_many()
    {
        var one = await SearchFor("hardenberg", first: 1);
        var many = await SearchFor("Berlin", first: 50);
        Assert.Equal(one.AssertNoErrors().SqlStatements, many.AssertNoErrors().SqlStatements);
        Assert.Equal(statementsWithTotal, many.SqlStatements); // the hits with their entities (and the total), the total if not counted
    }

    [SkippableFact]
    public async Task A_narrow_selection_gets_the_same_hits_as_a_full_one()
    {
        // The throughput issue: the search reads only what its selection uses (no snippets without `highlight`, only the
        // selected entity fields' columns); the answers must not change.
        const string narrow = """
            query($q: String!) { search(query: $q, first: 20) { totalCount nodes { __typename score entity { id kind title } } } }
            """;
        const string full = """
            query($q: String!) { search(query: $q, first: 20) { totalCount nodes { __typename score highlight entity { id kind title summary sources { title } ... on Event { startDate } } } } }
            """;
        foreach (var q in new[] { "Smart", "Wasser", "Berlin" })
        {
            var a = (await server.Http.PostGraphQLAsync(narrow, new { q })).AssertNoErrors().Data["search"]!;
            var b = (await server.Http.PostGraphQLAsync(full, new { q })).AssertNoErrors().Data["search"]!;
            Assert.Equal(b["totalCount"]!.GetValue<int>(), a["totalCount"]!.GetValue<int>());
            static IEnumerable<string> Rows(System.Text.Json.Nodes.JsonNode search) => search["nodes"].Items().Select(n =>
                $"{n["__typename"].Text()}|{n["score"]!.GetValue<double>()}|{n["entity"]!["id"].Text()}|{n["entity"]!["kind"].Text()}|{n["entity"]!["title"].Text()}");
            Assert.Equal(Rows(b), Rows(a));
            Assert.All(b["nodes"].Items(), n => Assert.NotEmpty(n["entity"]!["sources"].Items()));
        }
    }

    [SkippableFact]
    public async Task Entities_a_narrow_search_read_in_part_do_not_answer_other_fields_of_the_request()
    {
        // A hit's entity with only `id` loaded must not stand in for the whole entity elsewhere in the same request.
        var water = GlobalId.Encode("Pilot", "smart-water");
        const string graph = """
            query($ids: [ID!]!) { graph(ids: $ids, depth: 0) { nodes { id title summary sources { title } } } }
            """;
        var alone = (await server.Http.PostGraphQLAsync(graph, new { ids = new[] { water } })).AssertNoErrors().Data["graph"]!.ToJsonString();
        var both = (await server.Http.PostGraphQLAsync("""
            query($ids: [ID!]!) {
              search(query: "Smart Water", kinds: [PILOT], first: 5) { nodes { entity { id } } }
              graph(ids: $ids, depth: 0) { nodes { id title summary sources { title } } }
            }
            """, new { ids = new[] { water } })).AssertNoErrors().Data;
        Assert.Contains(both["search"]!["nodes"].Items(), n => n["entity"]!["id"].Text() == water);
        Assert.Equal(alone, both["graph"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task Hits_are_entities_that_node_finds_again()
    {
        var hit = Hits(await SearchFor("Smart Water", kinds: ["PILOT"]))[0];
        Assert.Equal("Smart Water", hit.Title);
        Assert.Equal(GlobalId.Encode("Pilot", "smart-water"),
            (await SearchFor("Smart Water", kinds: ["PILOT"])).Data["search"]!["edges"]![0]!["node"]!["entity"]!["id"].Text());
    }
}

public sealed class SearchTestsOnSqlite(SeededSqliteServer server) : SearchTests(server, statementsWithTotal: 1), IClassFixture<SeededSqliteServer>;

public sealed class SearchTestsOnPostgres(SeededPostgresServer server) : SearchTests(server, statementsWithTotal: 2), IClassFixture<SeededPostgresServer>;
