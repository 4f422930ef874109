using System.Net.Http.Json;
using System.Text.Json;
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
    public async Task Explicit_null_variables_reach_the_server_as_null_and_answer_like_the_variables_left_out()
    {
        var explicitNulls = (await server.Client.GetEvents.ExecuteAsync(new GetEventsVariables { First = 3, After = null, Where = null, Order = null })).EnsureNoErrors().Events!;
        var leftOut = (await server.Client.GetEvents.ExecuteAsync(3)).EnsureNoErrors().Events!;

        Assert.Equal(3, explicitNulls.Nodes.Count);
        Assert.Equal(leftOut.Nodes.Select(n => n.Id), explicitNulls.Nodes.Select(n => n.Id));
        Assert.Equal(leftOut.TotalCount, explicitNulls.TotalCount);
    }

    [Fact]
    public async Task Results_come_typed_with_their_trace_in_the_language_asked_for()
    {
        var english = (await server.Client.GetResults.ExecuteAsync(Language.En)).EnsureNoErrors().Results!.Nodes;
        var german = (await server.Client.GetResults.ExecuteAsync(Language.De)).EnsureNoErrors().Results!.Nodes;

        var measures = Assert.Single(english, r => r.Title == "Measures and actions");
        Assert.Equal(ResultType.InterimResult, measures.Type);
        Assert.Equal("Gemeinsam Digital: Berlin", Assert.Single(measures.Informs).Title);
        Assert.Equal(new DateOnly(2022, 4, 28), Assert.Single(measures.PresentedAt).StartDate);
        Assert.Contains(german, r => r.Id == measures.Id && r.Title == "Maßnahmen und Aktionen" && r.Summary!.StartsWith("Weitere Zwischenergebnisse"));
        var workshops = english.SelectMany(r => r.ContributingSeries).Single(s => s.Title == "Future workshops");
        Assert.Equal((20, SizeQualifier.MoreThan), (workshops.Size, workshops.SizeQualifier));
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
    public async Task A_filtered_and_sorted_page_holds_only_matching_events_in_order_and_counts_like_the_untyped_request()
    {
        var from = new DateOnly(2021, 3, 1);
        var until = new DateOnly(2021, 10, 1);
        var where = new EventFilterInput
        {
            Category = new EventCategoryOperationFilterInput { Eq = EventCategory.Participation },
            // Only gte and lt set: were the other operators sent as null, eq: null would leave no event and gt: null would fail.
            StartDate = new DateOperationFilterInput { Gte = from, Lt = until },
        };

        var events = (await server.Client.GetEvents.ExecuteAsync(100, where: where, order: [new EventSortInput { StartDate = SortEnumType.Desc }, new EventSortInput { Title = SortEnumType.Asc }]))
            .EnsureNoErrors().Events!;

        Assert.InRange(events.Nodes.Count, 2, 99);
        Assert.All(events.Nodes, e =>
        {
            Assert.Equal(EventCategory.Participation, e.Category);
            Assert.InRange(e.StartDate, from, until.AddDays(-1));
        });
        Assert.Equal(events.Nodes.Select(e => e.StartDate).OrderDescending(), events.Nodes.Select(e => e.StartDate));
        var untyped = await UntypedEventsAsync("""
            events(first: 100, where: { category: { eq: PARTICIPATION }, startDate: { gte: "2021-03-01", lt: "2021-10-01" } },
                   order: [{ startDate: DESC }, { title: ASC }]) { totalCount nodes { id } }
            """);
        Assert.Equal(untyped.GetProperty("totalCount").GetInt32(), events.TotalCount);
        Assert.Equal(events.Nodes.Count, events.TotalCount);
        Assert.Equal(untyped.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()), events.Nodes.Select(e => e.Id));
    }

    [Fact]
    public async Task And_or_and_relation_filters_select_what_the_same_untyped_where_selects()
    {
        var where = new EventFilterInput
        {
            Or =
            [
                new EventFilterInput { Organisers = new ListFilterInputTypeOfOrganisationFilterInput { Some = new OrganisationFilterInput { Type = new OrganisationTypeOperationFilterInput { In = [OrganisationType.CivilSociety, OrganisationType.Foundation] } } } },
                new EventFilterInput { Type = new EventTypeOperationFilterInput { Eq = EventType.Decision } },
            ],
            And = [new EventFilterInput { Title = new StringOperationFilterInput { Contains = "e" } }],
        };

        var events = (await server.Client.GetEvents.ExecuteAsync(100, where: where, order: [new EventSortInput { Title = SortEnumType.Asc }])).EnsureNoErrors().Events!;

        var untyped = await UntypedEventsAsync("""
            events(first: 100, order: [{ title: ASC }], where: {
              or: [{ organisers: { some: { type: { in: [CIVIL_SOCIETY, FOUNDATION] } } } }, { type: { eq: DECISION } }],
              and: [{ title: { contains: "e" } }] }) { totalCount nodes { id } }
            """);
        Assert.InRange(events.TotalCount, 2, 75);
        Assert.Equal(untyped.GetProperty("totalCount").GetInt32(), events.TotalCount);
        Assert.Equal(untyped.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()), events.Nodes.Select(e => e.Id));
    }

    [Fact]
    public async Task A_null_list_item_asks_for_events_without_an_end_date()
    {
        // The client never sends a null field (eq: null); "has no value" is in: [null].
        var events = (await server.Client.GetEvents.ExecuteAsync(100, where: new EventFilterInput { EndDate = new DateOperationFilterInput { In = [null] } }))
            .EnsureNoErrors().Events!;

        var untyped = await UntypedEventsAsync("events(first: 0, where: { endDate: { eq: null } }) { totalCount }");
        Assert.Equal(untyped.GetProperty("totalCount").GetInt32(), events.TotalCount);
        Assert.InRange(events.TotalCount, 1, 75);
        Assert.All(events.Nodes, e => Assert.Null(e.EndDate));
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

    /// <summary>The same server asked without the generated client: a query string posted as JSON, the events field read raw.</summary>
    private async Task<JsonElement> UntypedEventsAsync(string eventsSelection)
    {
        using var http = server.CreateClient();
        using var response = await http.PostAsJsonAsync("/graphql", new { query = "{ " + eventsSelection + " }" });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("errors", out _), body.RootElement.ToString());
        return body.RootElement.GetProperty("data").GetProperty("events").Clone();
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
