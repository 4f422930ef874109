using System.Linq.Expressions;
using GraphQL.Types;
using System.Text.Json.Nodes;
using SmartCityGraph.GraphQL.Projection;

namespace SmartCityGraph.GraphQL.Tests.Projection;

public abstract class ProjectionBuilderTests(TestEngine engine) : IDisposable
{
    private readonly GardenDb _db = GardenDb.Create(engine);

    public void Dispose() => _db.Dispose();

    /// <summary>The members the <c>plants</c> resolver loaded for <paramref name="query"/>, or null for whole plants.</summary>
    private async Task<string?> LoadedMembersAsync(string query)
    {
        var outcome = await Garden.ExecuteAsync(_db, query);
        return (outcome.Projection as Projection<Plant>)?.Key;
    }

    [SkippableTheory]
    [InlineData("{ plants { nodes { name } } }")]
    [InlineData("{ plants { edges { cursor node { name } } } }")]
    [InlineData("{ plants { e: edges { n: node { label: name } } } }")]
    [InlineData("{ plants { nodes { name __typename } pageInfo { endCursor } totalCount } }")]
    public async Task Nodes_and_edges_node_load_what_their_fields_read_and_what_the_type_always_reads(string query)
    {
        Assert.Equal("Id,Key,Name", await LoadedMembersAsync(query));
    }

    [SkippableTheory]
    [InlineData("{ plants { nodes { ...PlantName } } } fragment PlantName on Plant { name }")]
    [InlineData("{ plants { nodes { ... on Specimen { name } } } }")]
    [InlineData("{ plants { nodes { ... { name } } } }")]
    [InlineData("{ plants { ...Page } } fragment Page on PlantsConnection { edges { ...Edge } } fragment Edge on PlantEdge { node { ...Named } } fragment Named on Specimen { name }")]
    public async Task Fields_inside_named_and_inline_fragments_count(string query)
    {
        Assert.Equal("Id,Key,Name", await LoadedMembersAsync(query));
    }

    [SkippableFact]
    public async Task The_fields_of_nodes_and_edges_add_up()
    {
        var members = await LoadedMembersAsync("{ plants { nodes { id } edges { node { note stage } } } }");

        // id reads Kind too, but Kind has no public setter: a Plant's constructor sets it.
        Assert.Equal("Harvested,Id,Key,Note,Planted", members);
    }

    [SkippableTheory]
    [InlineData("{ plants { nodes { name height } } }")]
    [InlineData("{ plants { edges { node { height } } } }")]
    [InlineData("{ plants { nodes { ...Sizes } } } fragment Sizes on Plant { height }")]
    [InlineData("{ plants { nodes { name } } plants { nodes { height } } }")] // merged into one field by GraphQL
    public async Task A_selected_field_without_a_read_declaration_loads_whole_items(string query)
    {
        var outcome = await Garden.ExecuteAsync(_db, query);

        Assert.Null(outcome.Projection);
        Assert.Contains("\"height\"", outcome.Json);
    }

    [SkippableFact]
    public async Task Without_item_fields_only_the_always_read_members_are_loaded()
    {
        Assert.Equal("Id,Key", await LoadedMembersAsync("{ plants { totalCount pageInfo { hasNextPage } } }"));
    }

    [SkippableFact]
    public async Task Items_of_an_interface_type_are_loaded_whole()
    {
        var outcome = await Garden.ExecuteAsync(_db, "{ specimens { nodes { name } } }");

        Assert.Null(outcome.Projection);
    }

    [SkippableFact]
    public async Task The_sort_keys_of_the_order_are_loaded_for_the_cursors()
    {
        Assert.Equal("Id,Key,Name,Planted", await LoadedMembersAsync("{ plants(plantedFirst: true) { nodes { name } } }"));
    }

    [SkippableFact]
    public async Task The_projection_is_a_member_init_of_the_loaded_members_only()
    {
        var outcome = await Garden.ExecuteAsync(_db, "{ plants { nodes { id name } } }");

        var projection = Assert.IsType<Projection<Plant>>(outcome.Projection);
        Assert.Equal("e => new Plant() {Id = e.Id, Key = e.Key, Name = e.Name}", projection.Selector.ToString());
    }

    [SkippableFact]
    public async Task The_statement_reads_only_the_loaded_columns_and_the_answer_is_complete()
    {
        var outcome = await Garden.ExecuteAsync(_db, "{ plants(first: 2) { nodes { id name stage } } }");

        // SQLite quotes the table alias ("s"."Id"), PostgreSQL does not (s."Id"): compare in SQLite's spelling.
        var select = Assert.Single(_db.Log.Commands).Replace("s.\"", "\"s\".\"").Replace("\"\"s\".", "\"s\".");
        Assert.StartsWith("SELECT \"s\".\"Harvested\", \"s\".\"Id\", \"s\".\"Key\", \"s\".\"Name\", \"s\".\"Planted\"\n", select);
        Assert.DoesNotContain("Note", select);
        Assert.DoesNotContain("Height", select);
        Assert.Equal("""{"data":{"plants":{"nodes":[{"id":"plant:basil","name":"Basil","stage":"growing"},{"id":"plant:chard","name":"Chard","stage":"harvested"}]}}}""", outcome.Json);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Paging_a_sorted_projection_visits_every_item_once_in_order(int size)
    {
        // Neither the sort key (planted) nor the id is selected: the cursors still need both.
        var names = new List<string>();
        string? cursor = null;
        while (true)
        {
            var outcome = await Garden.ExecuteAsync(_db,
                "query($n: Int, $c: String) { plants(first: $n, after: $c, plantedFirst: true) { nodes { name } pageInfo { hasNextPage endCursor } } }",
                new { n = size, c = cursor });
            var page = JsonNode.Parse(outcome.Json)!["data"]!["plants"]!;
            names.AddRange(page["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            cursor = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        // No date first, then by day, ties (Basil and Fennel on 1 April) by id.
        Assert.Equal(["Dill", "Chard", "Basil", "Fennel", "Leek"], names);
    }

    [SkippableFact]
    public async Task A_nested_connection_loads_its_items_through_the_same_projection()
    {
        var outcome = await Garden.ExecuteAsync(_db, "{ specimens { nodes { ... on Rock { plantsAround(first: 3) { nodes { name } } } } } }");

        Assert.Equal("Height,Id,Key,Name", Assert.IsType<Projection<Plant>>(outcome.Projection).Key);
        Assert.Contains("\"plantsAround\":{\"nodes\":[{\"name\":\"Fennel\"},{\"name\":\"Chard\"},{\"name\":\"Leek\"}]}", outcome.Json);
        Assert.DoesNotContain("Note", _db.Log.Commands.Last());
    }

    [SkippableFact]
    public void Extra_reads_must_be_plain_members_of_the_item()
    {
        Assert.Equal(["Harvested", "Planted"], MemberReads.Of((Expression<Func<Plant, object?>>)(p => p.Harvested ?? p.Planted))!.Select(m => m.Name));
        Assert.Equal(["Name"], MemberReads.Of((Expression<Func<Plant, object?>>)(p => ((Specimen)p).Name))!.Select(m => m.Name));
        Assert.Null(MemberReads.Of((Expression<Func<Plant, object?>>)(p => p.ToString())));
        Assert.Null(MemberReads.Of((Expression<Func<Specimen, object?>>)(s => ((Plant)s).Height)));
    }

    [SkippableFact]
    public void Members_without_a_public_setter_are_not_assigned()
    {
        var projection = Projection<Plant>.Of([typeof(Specimen).GetProperty(nameof(Specimen.Kind))!, typeof(Specimen).GetProperty(nameof(Specimen.Name))!])!;

        var copy = projection.Selector.Compile()(new Plant { Key = "k", Name = "Nettle", Height = 9 });

        Assert.Equal("Name", projection.Key);
        Assert.Equal(("plant", "Nettle", 0, null), (copy.Kind, copy.Name, copy.Height, copy.Key));
    }

    [SkippableFact]
    public void Types_that_cannot_be_built_member_by_member_are_loaded_whole()
    {
        Assert.Null(Projection<Specimen>.Of([typeof(Specimen).GetProperty(nameof(Specimen.Name))!]));
    }

    [SkippableFact]
    public void A_member_of_another_type_is_not_projected()
    {
        Assert.Null(Projection<Plant>.Of([typeof(Rock).GetProperty(nameof(Rock.Weight))!]));
    }

    [SkippableFact]
    public void A_declaration_must_read_plain_members()
    {
        var field = new ObjectGraphType<Plant>().Field<StringGraphType>("label");

        Assert.Throws<ArgumentException>(() => { field.Reads(p => Describe(p)); });
        field.Reads(p => p.Harvested ?? p.Planted, p => p.Name.Length);
        Assert.Equal(["Harvested", "Planted", "Name"], field.FieldType.GetReads()!.Select(m => m.Name));
    }

    [SkippableFact]
    public async Task A_document_parsed_once_works_out_its_projection_once_for_all_its_requests()
    {
        const string query = "{ plants { nodes { name } } }";
        var document = new global::GraphQL.Execution.GraphQLDocumentBuilder().Build(query);

        var first = await Garden.ExecuteAsync(_db, query, document: document);
        var second = await Garden.ExecuteAsync(_db, query, document: document);
        var reparsed = await Garden.ExecuteAsync(_db, query);

        // The same object on the next request (a cached document): EF Core finds its query without comparing trees.
        Assert.Same(first.Projection, second.Projection);
        Assert.Equal("Id,Key,Name", (second.Projection as Projection<Plant>)?.Key);
        // Another parse of the same text is another document, worked out afresh, to the same members.
        Assert.NotSame(first.Projection, reparsed.Projection);
        Assert.Equal("Id,Key,Name", (reparsed.Projection as Projection<Plant>)?.Key);
    }

    private static string Describe(Specimen specimen) => specimen.Name;
}

public sealed class ProjectionBuilderTestsOnSqlite() : ProjectionBuilderTests(TestEngine.Sqlite);

public sealed class ProjectionBuilderTestsOnPostgres() : ProjectionBuilderTests(TestEngine.Postgres);
