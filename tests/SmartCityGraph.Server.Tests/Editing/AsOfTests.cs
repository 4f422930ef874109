using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Editing;

/// <summary>
/// "As of" reads answer exactly what the live graph answered then: a sequence of edits, the live answers after each,
/// then the same queries with <c>asOf</c> each step's time — compared byte for byte.
/// </summary>
public abstract class AsOfTests(EditingServer server)
{
    private const string Phase2 = "UGhhc2U6c3R1ZmUtMi1hdXNhcmJlaXR1bmdzcGhhc2U=";
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu";
    private const string SmartWater = "UGlsb3Q6c21hcnQtd2F0ZXI=";

    /// <summary>Every asOf field, with nested relations, filters, facets, cursors, history and citations below it.</summary>
    private const string Probe = """
        query($id: ID!, $t: DateTime) {
          node(id: $id, asOf: $t) { id ... on Event { title summary version citation status recordedStatus organisers { title } phase { title }
            relations(first: 20) { totalCount nodes { id type version from { id } to { id } } }
            history { totalCount nodes { number action actor before after } } } }
          nodes(ids: [$id, "UGlsb3Q6c21hcnQtd2F0ZXI="], asOf: $t) { id ... on Entity { title version } }
          events(first: 5, asOf: $t, where: { organisers: { some: { type: { eq: FOUNDATION } } } }, order: [{ startDate: DESC }]) {
            totalCount pageInfo { endCursor hasNextPage } nodes { id title organisers { title } }
            facets { organisers { value count } category { value count } } aggregate { startDate { min max } } }
          organisations(first: 3, asOf: $t, where: { title: { contains: "Technologie" } }) { nodes { title events(first: 50) { totalCount nodes { title } } } }
          phases(asOf: $t, first: 20) { totalCount nodes { title events(first: 3) { totalCount } } }
          pilots(asOf: $t) { totalCount } strategies(asOf: $t) { totalCount } strategyElements(asOf: $t) { totalCount } participationStrands(asOf: $t) { totalCount }
          documents(asOf: $t) { totalCount } results(asOf: $t) { totalCount nodes { title } } terms(asOf: $t) { totalCount } collections(asOf: $t) { totalCount } series(asOf: $t) { totalCount nodes { title } }
          graph(ids: [$id], depth: 2, asOf: $t) { truncated nodes { id } relations { id type } }
          paths(from: $id, to: "UGlsb3Q6c21hcnQtd2F0ZXI=", maxHops: 4, asOf: $t) { length nodes { id } relations { id } }
        }
        """;

    private async Task<JsonNode> ProbeAsync(string id, string? asOf) =>
        (await server.Http.PostGraphQLAsync(Probe, new { id, t = asOf })).AssertNoErrors().Data;

    private async Task<string> HeadTimeAsync() =>
        (await server.Http.PostGraphQLAsync("{ revisions(first: 1, sinceNumber: 0) { totalCount } }")).AssertNoErrors() is var count
            ? (await server.Http.PostGraphQLAsync("query($n: Int!) { revision(number: $n) { at } }",
                new { n = count.Data["revisions"]!["totalCount"]!.GetValue<int>() })).AssertNoErrors().Data["revision"]!["at"].Text()
            : throw new InvalidOperationException();

    private static object Sources() => new[] { new { title = "Press release", url = "https://example.org/press" } };

    [SkippableFact]
    public async Task Every_asOf_answer_equals_the_live_answer_at_that_revision()
    {
        var before = await HeadTimeAsync();
        var created = (await server.AsEditorAsync("mutation($i: CreateEventInput!) { createEvent(input: $i) { event { id } } }",
            new { i = new { title = "As-of workshop", startDate = "2023-05-04", category = "PARTICIPATION", sources = Sources() } })).AssertNoErrors();
        var id = created.Data["createEvent"]!["event"]!["id"].Text();
        Assert.Null((await ProbeAsync(id, before))["node"]);

        var steps = new List<(string At, string Answer)>();
        async Task StepAsync(string mutation, object variables, bool admin = false)
        {
            var answer = admin ? await server.AsAdminAsync(mutation, variables) : await server.AsEditorAsync(mutation, variables);
            Assert.DoesNotContain("\"__typename\"", answer.AssertNoErrors().Body);
            steps.Add((await HeadTimeAsync(), (await ProbeAsync(id, null)).ToJsonString()));
        }

        steps.Add((await HeadTimeAsync(), (await ProbeAsync(id, null)).ToJsonString()));
        await StepAsync("mutation($i: UpdateEventInput!) { updateEvent(input: $i) { errors { __typename } } }",
            new { i = new { id, expectedVersion = 1, summary = "Now summarised.", recordedStatus = "PLANNED", sources = Sources() } });
        await StepAsync("mutation($i: AddRelationInput!) { addRelation(input: $i) { errors { __typename } } }",
            new { i = new { type = "PART_OF", from = id, to = Phase2, sources = Sources() } });
        await StepAsync("mutation($i: AddRelationInput!) { addRelation(input: $i) { errors { __typename } } }",
            new { i = new { type = "ORGANISES", from = Technologiestiftung, to = id, sources = Sources() } });
        await StepAsync("mutation($i: AddRelationInput!) { addRelation(input: $i) { errors { __typename } } }",
            new { i = new { type = "CONCERNS", from = id, to = SmartWater, sources = Sources() } });
        await StepAsync("mutation($i: UpdateEventInput!) { updateEvent(input: $i) { errors { __typename } } }",
            new { i = new { id, expectedVersion = 2, title = "As-of workshop, renamed", sources = Sources() } });
        await StepAsync("mutation($i: DeleteEntityInput!) { deleteEntity(input: $i) { errors { __typename } } }",
            new { i = new { id, expectedVersion = 3, comment = "gone" } }, admin: true);

        Assert.Equal(steps.Count, steps.Select(s => s.Answer).Distinct().Count()); // every step changed what the probe sees
        foreach (var (at, answer) in steps)
            Assert.Equal(answer, (await ProbeAsync(id, at)).ToJsonString());
    }

    [SkippableFact]
    public async Task The_GraphML_export_asOf_shows_the_graph_as_it_stood_then()
    {
        var before = await HeadTimeAsync();
        var created = (await server.AsEditorAsync("mutation($i: CreateEventInput!) { createEvent(input: $i) { event { id } } }",
            new { i = new { title = "Exported later", startDate = "2023-06-01", category = "NETWORK", sources = Sources() } })).AssertNoErrors();
        var id = created.Data["createEvent"]!["event"]!["id"].Text();
        var after = await HeadTimeAsync();

        var then = await server.Http.GetAsync($"/export/kb.graphml?asOf={Uri.EscapeDataString(before)}");
        var now = await server.Http.GetAsync($"/export/kb.graphml?asOf={Uri.EscapeDataString(after)}");
        var live = await server.Http.GetStringAsync("/export/kb.graphml");
        var bad = await server.Http.GetAsync("/export/kb.graphml?asOf=yesterday");

        var thenText = await then.Content.ReadAsStringAsync();
        Assert.DoesNotContain(id, thenText);
        Assert.Contains(id, await now.Content.ReadAsStringAsync());
        Assert.Contains(id, live);
        Assert.NotEqual(thenText, live);
        Assert.True(int.Parse(then.Headers.GetValues("X-Revision").Single()) < int.Parse(now.Headers.GetValues("X-Revision").Single()));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [SkippableFact]
    public async Task Before_the_first_revision_the_graph_was_empty()
    {
        var answer = (await server.Http.PostGraphQLAsync("""
            { node(id: "UGlsb3Q6c21hcnQtd2F0ZXI=", asOf: "2000-01-01T00:00:00Z") { id } events(asOf: "2000-01-01T00:00:00Z") { totalCount } }
            """)).AssertNoErrors().Data;

        Assert.Null(answer["node"]);
        Assert.Equal(0, answer["events"]!["totalCount"]!.GetValue<int>());
    }
}

public sealed class AsOfTestsOnSqlite(EditingSqliteServer server) : AsOfTests(server), IClassFixture<EditingSqliteServer>;

public sealed class AsOfTestsOnPostgres(EditingPostgresServer server) : AsOfTests(server), IClassFixture<EditingPostgresServer>;
