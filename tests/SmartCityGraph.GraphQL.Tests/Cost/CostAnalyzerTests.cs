namespace SmartCityGraph.GraphQL.Tests.Cost;

/// <summary>Exact cost and depth of representative queries (default options: page 10, list 10).</summary>
public sealed class CostAnalyzerTests
{
    [Theory]
    // A connection costs 1, plus 1 per item of its page.
    [InlineData("{ items(first: 100) { nodes { id } } }", 101, 3)]
    [InlineData("{ items(last: 3) { nodes { id name } } }", 4, 3)]
    // Neither first nor last: the default page size 10.
    [InlineData("{ items { nodes { id } } }", 11, 3)]
    // Nested pages multiply: 1 + 100 × (1 + (1 + 100 × 1)).
    [InlineData("{ items(first: 100) { nodes { id children(first: 100) { nodes { id } } } } }", 10_201, 5)]
    // edges { node } costs what nodes costs; pageInfo is one object per connection; scalars are free.
    [InlineData("{ items(first: 5) { edges { cursor node { id } } pageInfo { hasNextPage } totalCount } }", 7, 4)]
    [InlineData("{ items(first: 5) { nodes { id } } }", 6, 3)]
    // A to-one object field costs 1 per parent: 1 + 20 × (1 + 1).
    [InlineData("{ items(first: 20) { nodes { parent { id } } } }", 41, 4)]
    // A plain list without slicing arguments: DefaultListSize 10 → 1 × (1 + 10 × 1).
    [InlineData("{ item(id: \"1\") { tags { label } } }", 11, 3)]
    // nodes(ids:) returns one item per id.
    [InlineData("{ nodes(ids: [\"a\", \"b\", \"c\"]) { id } }", 3, 2)]
    // A per-field list size override (WithListSize(3)).
    [InlineData("{ topTags { label } }", 3, 2)]
    // A page-like object sized by an integer argument: 1 + limit × (1 per member + 1 per link).
    [InlineData("{ cluster(limit: 1000) { members { id } links { id } truncated } }", 2_001, 3)]
    [InlineData("{ cluster { members { id } } }", 21, 3)]
    [InlineData("{ cluster(limit: 40000) { members { id } } }", 40_001, 3)]
    [InlineData("{ cluster(limit: 1000000) { truncated } }", 1, 2)]
    // Skipped fields cost nothing (and add no depth).
    [InlineData("{ items(first: 100) @skip(if: true) { nodes { id } } item(id: \"1\") { id } }", 1, 2)]
    // A negative page size is paging's to refuse; cost counts it as 0.
    [InlineData("{ items(first: -5) { nodes { id } } }", 1, 3)]
    public async Task Costs_representative_queries(string query, int cost, int depth)
    {
        var report = await CostTestHost.ReportAsync(query);

        Assert.Equal((cost, depth), (report.Cost, report.Depth));
    }

    [Fact]
    public async Task Fragments_are_expanded_where_they_are_spread()
    {
        const string query = """
            { items(first: 20) { ...Page } }
            fragment Page on ItemConnection { nodes { ...ItemFields } }
            fragment ItemFields on Item { id parent { id } }
            """;

        var report = await CostTestHost.ReportAsync(query);

        Assert.Equal((41, 4), (report.Cost, report.Depth)); // as { items(first: 20) { nodes { parent { id } } } }
    }

    [Fact]
    public async Task A_fragment_on_a_connection_takes_the_page_size_of_each_spread()
    {
        const string query = """
            { a: items(first: 2) { ...Page } b: items(first: 3) { ...Page } }
            fragment Page on ItemConnection { nodes { id } }
            """;

        var report = await CostTestHost.ReportAsync(query);

        Assert.Equal((1 + 2) + (1 + 3), report.Cost);
    }

    [Fact]
    public async Task Page_size_comes_from_variables()
    {
        const string query = "query($n: Int) { items(first: $n) { nodes { id } } }";

        var report = await CostTestHost.ReportAsync(query, new { n = 42 });

        Assert.Equal(43, report.Cost);
    }

    [Fact]
    public async Task Page_size_comes_from_a_variable_default()
    {
        var report = await CostTestHost.ReportAsync("query($n: Int = 7) { items(first: $n) { nodes { id } } }");

        Assert.Equal(8, report.Cost);
    }

    [Fact]
    public async Task A_null_page_size_variable_means_the_default_page_size()
    {
        var report = await CostTestHost.ReportAsync("query($n: Int) { items(first: $n) { nodes { id } } }");

        Assert.Equal(11, report.Cost);
    }

    [Fact]
    public async Task The_ids_list_sizes_nodes_also_from_a_variable()
    {
        var report = await CostTestHost.ReportAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { "a", "b", "c", "d", "e" } });

        Assert.Equal(5, report.Cost);
    }

    [Fact]
    public async Task Interface_fragments_cost_the_most_expensive_runtime_type_not_their_sum()
    {
        // Per thing: Item → parent (1); Tag → owner (1). Alternatives, so 10 × (1 + 1), not 10 × (1 + 2).
        const string query = """
            { things { id ... on Item { parent { id } } ...TagOwner } }
            fragment TagOwner on Tag { owner { id } }
            """;

        var report = await CostTestHost.ReportAsync(query);

        Assert.Equal((20, 3), (report.Cost, report.Depth));
    }

    [Fact]
    public async Task Interface_fragment_with_a_nested_connection()
    {
        // Per thing: 1 + max(Item: parent 1 + children (1 + 4), Tag: 0) = 7; things is a plain list of 10.
        const string query = "{ things { id ... on Item { parent { id } children(first: 4) { nodes { id } } } ... on Tag { label } } }";

        var report = await CostTestHost.ReportAsync(query);

        Assert.Equal((70, 4), (report.Cost, report.Depth));
    }

    [Fact]
    public async Task Introspection_costs_nothing_but_counts_for_depth()
    {
        var report = await CostTestHost.ReportAsync("{ __typename items(first: 2) { __typename nodes { __typename id } } __schema { types { name } } }");

        Assert.Equal((3, 3), (report.Cost, report.Depth));
    }
}
