using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.EndToEnd;

/// <summary>The generated client of schema/operations against the real server: typed data, typed errors.</summary>
public sealed class GeneratedClientTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task Pilots_come_back_typed_with_their_leads_partners_and_funders()
    {
        var result = await server.Client.GetPilots.ExecuteAsync(10);

        var pilots = result.EnsureNoErrors().Pilots!;
        Assert.Equal(5, pilots.TotalCount);
        Assert.Equal(5, pilots.Nodes.Count);
        Assert.All(pilots.Nodes, p => Assert.False(string.IsNullOrEmpty(p.Title)));
        Assert.Contains(pilots.Nodes, p => p.Lead is not null && p.Partners.Count > 0);
    }

    [Fact]
    public async Task An_event_through_node_is_typed_by_its_inline_fragment()
    {
        var page = (await server.Client.GetEvents.ExecuteAsync(1, null)).EnsureNoErrors().Events!;
        var listed = Assert.Single(page.Nodes);

        var result = await server.Client.GetNode.ExecuteAsync(listed.Id);

        var node = result.EnsureNoErrors().Node;
        var typedEvent = Assert.IsAssignableFrom<IGetNode_Node_Event>(node);
        Assert.IsAssignableFrom<IGetNode_Node_Entity>(node);
        Assert.Equal(listed.StartDate, typedEvent.StartDate);
        Assert.IsType<DateOnly>(typedEvent.StartDate);
        Assert.Equal(listed.Status, typedEvent.Status);
        Assert.True(Enum.IsDefined(typedEvent.Status));
        Assert.Equal(NodeKind.Event, ((IGetNode_Node_Entity)node!).Kind);
        Assert.False(node is IGetNode_Node_Pilot);
    }

    [Fact]
    public async Task Paging_variables_fetch_the_next_page()
    {
        var first = (await server.Client.GetEvents.ExecuteAsync(2, null)).EnsureNoErrors().Events!;
        var second = (await server.Client.GetEvents.ExecuteAsync(2, first.PageInfo.EndCursor)).EnsureNoErrors().Events!;

        Assert.True(first.PageInfo.HasNextPage);
        Assert.Empty(first.Nodes.Select(n => n.Id).Intersect(second.Nodes.Select(n => n.Id)));
    }

    [Fact]
    public async Task A_malformed_id_is_a_typed_error_with_code_INVALID_ID()
    {
        var result = await server.Client.GetNode.ExecuteAsync("not base64 at all!");

        Assert.True(result.IsErrorResult());
        var error = Assert.Single(result.Errors);
        Assert.Equal("INVALID_ID", error.Code);
        Assert.False(string.IsNullOrEmpty(error.Message));
        Assert.Equal(["node"], error.Path!);
        var thrown = Assert.Throws<GraphQLClientException>(() => result.EnsureNoErrors());
        Assert.Equal("INVALID_ID", thrown.Errors.Single().Code);
    }

    [Fact]
    public async Task The_sample_draws_a_pilots_neighbourhood_as_Mermaid_and_DOT()
    {
        var neighbourhood = await new NeighbourhoodLoader(server.Client).LoadAsync(id: null);

        Assert.Equal("PILOT", neighbourhood.Centre.Kind);
        Assert.NotEmpty(neighbourhood.Edges);
        var mermaid = MermaidRenderer.Render(neighbourhood);
        Assert.StartsWith("flowchart LR\n", mermaid);
        Assert.Contains(neighbourhood.Centre.Title, mermaid);
        Assert.Contains("-->|LEADS", mermaid);
        var dot = DotRenderer.Render(neighbourhood);
        Assert.StartsWith("digraph neighbourhood {", dot);
        Assert.Equal(neighbourhood.Edges.Count, dot.Split('\n').Count(l => l.Contains(" -> ")));
    }
}
