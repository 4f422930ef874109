using System.Text.Json.Nodes;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Graph;

/// <summary>Neighbourhoods (<c>graph</c>) and connections (<c>paths</c>) on the seed.</summary>
public abstract class GraphTests(SeededServer server)
{
    private static readonly string SmartWater = GlobalId.Encode("Pilot", "smart-water");
    private static readonly string Hardenbergplatz = GlobalId.Encode("Pilot", "smart-space-hardenbergplatz");
    private static readonly string Technologiestiftung = GlobalId.Encode("Organisation", "technologiestiftung-berlin");

    private const string GraphQuery = """
        query($ids: [ID!]!, $depth: Int, $types: [RelationType!], $kinds: [NodeKind!], $limit: Int) {
          graph(ids: $ids, depth: $depth, types: $types, kinds: $kinds, limit: $limit) {
            truncated
            nodes { id kind title }
            relations { id type from { id } to { id } }
          }
        }
        """;

    private async Task<GraphQLAnswer> Graph(string[] ids, int? depth = null, string[]? types = null, string[]? kinds = null, int? limit = null) =>
        await server.Http.PostGraphQLAsync(GraphQuery, new { ids, depth, types, kinds, limit });

    private static (HashSet<string> Nodes, List<JsonNode> Relations, bool Truncated) Subgraph(GraphQLAnswer answer)
    {
        var graph = answer.AssertNoErrors().Data["graph"]!;
        return (graph["nodes"].Items().Select(n => n["id"].Text()).ToHashSet(), graph["relations"].Items().ToList(), graph["truncated"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task Depth_1_holds_exactly_the_relations_touching_the_start_node()
    {
        var (nodes, relations, truncated) = Subgraph(await Graph([SmartWater]));
        var own = await server.Http.PostGraphQLAsync(
            "query($id: ID!) { node(id: $id) { ... on Entity { relations(first: 100) { totalCount nodes { id from { id } to { id } } } } } }", new { id = SmartWater });
        var expected = own.AssertNoErrors().Data["node"]!["relations"]!["nodes"].Items().ToList();

        Assert.False(truncated);
        Assert.Equal(expected.Select(r => r["id"].Text()).Order(), relations.Select(r => r["id"].Text()).Order());
        Assert.All(relations, r => Assert.Contains(SmartWater, new[] { r["from"]!["id"].Text(), r["to"]!["id"].Text() }));
        var neighbours = expected.SelectMany(r => new[] { r["from"]!["id"].Text(), r["to"]!["id"].Text() }).ToHashSet();
        Assert.Equal(neighbours.Order(), nodes.Order());
        Assert.Contains(Technologiestiftung, nodes);
    }

    [SkippableFact]
    public async Task Depth_2_reaches_further_and_keeps_only_relations_between_its_nodes()
    {
        var one = Subgraph(await Graph([SmartWater], depth: 1));
        var two = Subgraph(await Graph([SmartWater], depth: 2));
        Assert.Superset(one.Nodes, two.Nodes);
        Assert.True(two.Nodes.Count > one.Nodes.Count);
        Assert.True(two.Relations.Count > one.Relations.Count);
        Assert.All(two.Relations, r =>
        {
            Assert.Contains(r["from"]!["id"].Text(), two.Nodes);
            Assert.Contains(r["to"]!["id"].Text(), two.Nodes);
        });
    }

    [SkippableFact]
    public async Task Types_kinds_and_limit_shape_the_subgraph()
    {
        var funders = Subgraph(await Graph([SmartWater], types: ["FUNDS"]));
        Assert.All(funders.Relations, r => Assert.Equal("FUNDS", r["type"].Text()));
        Assert.Equal(funders.Relations.Count + 1, funders.Nodes.Count);

        var answer = await Graph([SmartWater], depth: 2, kinds: ["ORGANISATION"]);
        var kinds = answer.AssertNoErrors().Data["graph"]!["nodes"].Items().Select(n => n["kind"].Text()).ToList();
        Assert.Equal("PILOT", kinds[0]); // the start stays
        Assert.All(kinds.Skip(1), k => Assert.Equal("ORGANISATION", k));

        var cut = Subgraph(await Graph([SmartWater], depth: 3, limit: 5));
        Assert.Equal(5, cut.Nodes.Count);
        Assert.True(cut.Truncated);
    }

    [SkippableFact]
    public async Task Unknown_but_well_formed_ids_are_skipped()
    {
        var (nodes, relations, _) = Subgraph(await Graph([GlobalId.Encode("Pilot", "no-such-pilot")]));
        Assert.Empty(nodes);
        Assert.Empty(relations);
    }

    [SkippableTheory]
    [InlineData("""{ "ids": ["UGlsb3Q6c21hcnQtd2F0ZXI="], "depth": 100 }""", "INVALID_INPUT")]
    [InlineData("""{ "ids": ["UGlsb3Q6c21hcnQtd2F0ZXI="], "depth": -1 }""", "INVALID_INPUT")]
    [InlineData("""{ "ids": ["UGlsb3Q6c21hcnQtd2F0ZXI="], "limit": 0 }""", "INVALID_INPUT")]
    [InlineData("""{ "ids": ["UGlsb3Q6c21hcnQtd2F0ZXI="], "limit": 1001 }""", "INVALID_INPUT")]
    [InlineData("""{ "ids": ["not an id"] }""", "INVALID_ID")]
    [InlineData("""{ "ids": ["UmVsYXRpb246MQ=="] }""", "INVALID_ID")]
    public async Task Bad_graph_arguments_are_clear_errors(string variables, string code)
    {
        var answer = await server.Http.PostGraphQLAsync("query($ids: [ID!]!, $depth: Int, $limit: Int) { graph(ids: $ids, depth: $depth, limit: $limit) { truncated } }",
            JsonNode.Parse(variables));
        Assert.Equal([code], answer.ErrorCodes);
        Assert.Equal(200, answer.Status);
    }

    [SkippableFact]
    public async Task A_limit_of_a_million_is_refused_on_cost_before_anything_runs()
    {
        var answer = await Graph([SmartWater], limit: 1_000_000);
        Assert.Equal(["COST_LIMIT_EXCEEDED"], answer.ErrorCodes);
        var report = await server.Http.PostGraphQLAsync(GraphQuery, new { ids = new[] { SmartWater }, limit = 1000 },
            new Dictionary<string, string> { ["GraphQL-Cost"] = "report" });
        Assert.Equal(1 + 1000 * 1 + 1000 * 3, report.AssertNoErrors().Json["extensions"]!["cost"]!["cost"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_neighbourhood_runs_one_statement_per_level_whatever_its_size()
    {
        var small = await Graph([GlobalId.Encode("ParticipationStrand", "mitarbeitende-der-verwaltung")], depth: 2);
        var large = await Graph([SmartWater, Technologiestiftung], depth: 2);
        var deeper = await Graph([SmartWater, Technologiestiftung], depth: 3);
        Assert.True(Subgraph(large).Nodes.Count > Subgraph(small).Nodes.Count);
        Assert.Equal(small.SqlStatements, large.SqlStatements);
        Assert.Equal(large.SqlStatements + 1, deeper.SqlStatements);
        // The start entities by key, 2 levels, the relations, the other entities; the relation ends are among
        // the entities already read, so they cost no statement.
        Assert.Equal(5, large.SqlStatements);
    }

    [SkippableFact]
    public async Task A_narrow_selection_of_nodes_and_relation_ends_answers_as_a_wide_one()
    {
        // The throughput issue: a walk's nodes and its relations' ends are read with only the columns their selections
        // read; what they answer must not change, and a wider selection elsewhere in the request still gets whole entities.
        const string narrow = """
            query($ids: [ID!]!) { graph(ids: $ids, depth: 2) { nodes { id kind title } relations { type from { id } to { id title } } } }
            """;
        const string wide = """
            query($ids: [ID!]!) {
              graph(ids: $ids, depth: 2) {
                nodes { id kind title summary sources { title } ... on Event { startDate } }
                relations { type role validFrom sources { title } from { id summary sources { title } } to { id title sources { title } } }
              }
            }
            """;
        var ids = new[] { SmartWater, Technologiestiftung };
        var a = (await server.Http.PostGraphQLAsync(narrow, new { ids })).AssertNoErrors().Data["graph"]!;
        var b = (await server.Http.PostGraphQLAsync(wide, new { ids })).AssertNoErrors().Data["graph"]!;

        static IEnumerable<string> Nodes(JsonNode graph) => graph["nodes"].Items().Select(n => $"{n["id"].Text()}|{n["kind"].Text()}|{n["title"].Text()}");
        static IEnumerable<string> Ends(JsonNode graph) => graph["relations"].Items().Select(r => $"{r["type"].Text()}|{r["from"]!["id"].Text()}|{r["to"]!["id"].Text()}|{r["to"]!["title"].Text()}");
        Assert.Equal(Nodes(b), Nodes(a));
        Assert.Equal(Ends(b), Ends(a));
        Assert.All(b["nodes"].Items(), n => Assert.NotEmpty(n["sources"].Items()));
        Assert.All(b["relations"].Items(), r => Assert.NotEmpty(r["from"]!["sources"].Items()));
        Assert.All(b["relations"].Items(), r => Assert.NotEmpty(r["sources"].Items()));
        Assert.Contains(b["nodes"].Items(), n => n["summary"] is not null);
    }

    [SkippableFact]
    public async Task Ends_read_in_part_do_not_answer_a_wider_selection_of_the_same_entities()
    {
        // The nodes are read with id, kind and title only; the relations' ends ask for their sources too.
        const string query = """
            query($ids: [ID!]!) { graph(ids: $ids, depth: 1) { nodes { id } relations { from { id title sources { title } } to { id } } } }
            """;
        var graph = (await server.Http.PostGraphQLAsync(query, new { ids = new[] { SmartWater } })).AssertNoErrors().Data["graph"]!;

        Assert.NotEmpty(graph["relations"].Items());
        Assert.All(graph["relations"].Items(), r => Assert.NotEmpty(r["from"]!["sources"].Items()));
    }

    private const string PathsQuery = """
        query($from: ID!, $to: ID!, $maxHops: Int, $first: Int) {
          paths(from: $from, to: $to, maxHops: $maxHops, first: $first) {
            length
            nodes { id title }
            relations { id type from { id } to { id } }
          }
        }
        """;

    private async Task<GraphQLAnswer> Paths(string from, string to, int? maxHops = null, int? first = null) =>
        await server.Http.PostGraphQLAsync(PathsQuery, new { from, to, maxHops, first });

    [SkippableFact]
    public async Task Paths_run_from_from_to_to_through_real_relations_shortest_first()
    {
        var answer = await Paths(SmartWater, Hardenbergplatz, maxHops: 4, first: 10);
        var paths = answer.AssertNoErrors().Data["paths"].Items().ToList();
        Assert.NotEmpty(paths);
        var lengths = paths.Select(p => p["length"]!.GetValue<int>()).ToList();
        Assert.Equal(lengths.Order(), lengths);
        Assert.All(lengths, l => Assert.InRange(l, 1, 4));
        foreach (var path in paths)
        {
            var nodes = path["nodes"].Items().Select(n => n["id"].Text()).ToList();
            var relations = path["relations"].Items().ToList();
            Assert.Equal(path["length"]!.GetValue<int>(), relations.Count);
            Assert.Equal(relations.Count + 1, nodes.Count);
            Assert.Equal(SmartWater, nodes[0]);
            Assert.Equal(Hardenbergplatz, nodes[^1]);
            Assert.Equal(nodes.Count, nodes.Distinct().Count());
            for (var i = 0; i < relations.Count; i++)
            {
                var ends = new[] { relations[i]["from"]!["id"].Text(), relations[i]["to"]!["id"].Text() }.Order();
                Assert.Equal(new[] { nodes[i], nodes[i + 1] }.Order(), ends);
            }
        }
        Assert.Equal(2, lengths[0]); // both pilots share a funder
    }

    [SkippableFact]
    public async Task Paths_to_nothing_or_too_far_are_empty_and_to_itself_is_one_empty_path()
    {
        Assert.Empty((await Paths(SmartWater, GlobalId.Encode("Pilot", "no-such-pilot"))).AssertNoErrors().Data["paths"]!.AsArray());
        Assert.Empty((await Paths(SmartWater, Hardenbergplatz, maxHops: 1)).AssertNoErrors().Data["paths"]!.AsArray());
        var self = (await Paths(SmartWater, SmartWater)).AssertNoErrors().Data["paths"].Items().Single();
        Assert.Equal(0, self["length"]!.GetValue<int>());
    }

    [SkippableTheory]
    [InlineData(50, null, "INVALID_INPUT")]
    [InlineData(7, null, "INVALID_INPUT")]
    [InlineData(-1, null, "INVALID_INPUT")]
    [InlineData(null, 11, "INVALID_INPUT")]
    [InlineData(null, -1, "INVALID_INPUT")]
    public async Task Bad_path_arguments_are_clear_errors(int? maxHops, int? first, string code) =>
        Assert.Equal([code], (await Paths(SmartWater, Hardenbergplatz, maxHops, first)).ErrorCodes);

    [SkippableFact]
    public async Task A_malformed_path_end_is_an_invalid_id() =>
        Assert.Equal(["INVALID_ID"], (await Paths("%%%", Hardenbergplatz)).ErrorCodes);

    [SkippableFact]
    public async Task A_path_search_runs_a_bounded_number_of_statements()
    {
        var near = await Paths(SmartWater, Hardenbergplatz, maxHops: 6, first: 1);
        var many = await Paths(SmartWater, Hardenbergplatz, maxHops: 6, first: 10);
        near.AssertNoErrors();
        many.AssertNoErrors();
        // The ends by key, ≤ maxHops levels, the relations, the entities between the ends (relation ends: none more).
        Assert.InRange(near.SqlStatements, 1, 3 + 6);
        Assert.InRange(many.SqlStatements, 1, 3 + 6);
    }
}

public sealed class GraphTestsOnSqlite(SeededSqliteServer server) : GraphTests(server), IClassFixture<SeededSqliteServer>;

public sealed class GraphTestsOnPostgres(SeededPostgresServer server) : GraphTests(server), IClassFixture<SeededPostgresServer>;
