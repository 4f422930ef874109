using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Editing;

/// <summary>
/// Issue 13's "Done when", step by step, through HTTP against a freshly started server process whose signing key it
/// generated itself (tokens from the <c>token</c> verb, as the README tells an editor): anonymous and wrong-role
/// mutations refused and changing nothing; an editor's event with a source, linked, updated, a stale version refused;
/// history and the change feed with actors and sources; <c>asOf</c> before and after the create; an admin's revert;
/// the GraphML export <c>?asOf=</c>; a change without a source.
/// </summary>
public abstract class EditingWorkflowTests
{
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu"; // Organisation:technologiestiftung-berlin
    private const string Phase2 = "UGhhc2U6c3R1ZmUtMi1hdXNhcmJlaXR1bmdzcGhhc2U=";                   // Phase:stufe-2-ausarbeitungsphase

    private const string CreateEvent = """
        mutation($input: CreateEventInput!) { createEvent(input: $input) {
          event { id title summary version } errors { __typename ... on Error { message } ... on ValidationError { field } } } }
        """;

    private const string UpdateEvent = """
        mutation($input: UpdateEventInput!) { updateEvent(input: $input) {
          event { id summary version } errors { __typename ... on Error { message } ... on ConflictError { currentVersion } ... on ValidationError { field } } } }
        """;

    private const string AddRelation = """
        mutation($input: AddRelationInput!) { addRelation(input: $input) {
          relation { id type version } errors { __typename ... on Error { message } ... on ValidationError { field } } } }
        """;

    private const string DeleteEntity = """
        mutation($id: ID!) { deleteEntity(input: { id: $id, expectedVersion: 1, comment: "not allowed" }) { deletedId errors { __typename } } }
        """;

    private const string Revert = """
        mutation($revision: ID!) { revert(input: { revision: $revision, comment: "the minutes were a draft" }) {
          revision { number action actor version reverts { number } } errors { __typename ... on Error { message } } } }
        """;

    private const string ReadEvent = """
        query($id: ID!, $asOf: DateTime) { node(id: $id, asOf: $asOf) { ... on Event { title summary version phase { id } organisers { id }
          history { nodes { id number at action actor version comment sources { title url } } } } } }
        """;

    /// <summary>Settings of the server under test beyond its data directory: no signing key (generated on first start), the engine.</summary>
    protected virtual Dictionary<string, string> Settings() => new() { ["Auth__SigningKey"] = "" };

    [SkippableFact]
    public async Task The_editing_workflow_holds_through_HTTP_against_a_fresh_server()
    {
        var data = ServerProcess.DataDirectoryForTest();
        var settings = Settings();
        try
        {
            await using var server = await ServerProcess.StartAsync(data, settings);
            var editor = (await ServerProcess.RunVerbAsync(data, settings, "token", "--role", "editor", "--name", "Erika Editor")).Trim();
            var admin = (await ServerProcess.RunVerbAsync(data, settings, "token", "--role", "admin", "--name", "Anna Admin")).Trim();
            var http = server.Http;

            var seeded = await RevisionCountAsync(http);
            var beforeCreate = (await http.PostGraphQLAsync("query($n: Int!) { revision(number: $n) { at } }", new { n = seeded }))
                .AssertNoErrors().Data["revision"]!["at"].Text();

            // Anonymous: UNAUTHENTICATED, nothing changes.
            var eventInput = new
            {
                title = "Werkstatt Datenstrategie im Kiez", startDate = "2023-06-01", category = "PARTICIPATION", type = "WORKSHOP",
                summary = "First version.", sources = new[] { new { title = "Einladung", url = "https://example.org/einladung" } }, comment = "from the invitation",
            };
            var anonymous = await http.PostGraphQLAsync(CreateEvent, new { input = eventInput });
            Assert.Equal((401, "UNAUTHENTICATED"), (anonymous.Status, Assert.Single(anonymous.ErrorCodes)));
            Assert.Null(anonymous.Json["data"]);
            Assert.Equal(seeded, await RevisionCountAsync(http));

            // An editor's delete: FORBIDDEN, nothing changes.
            var forbidden = await AsAsync(http, editor, DeleteEntity, new { id = Technologiestiftung });
            Assert.Equal((403, "FORBIDDEN"), (forbidden.Status, Assert.Single(forbidden.ErrorCodes)));
            Assert.Equal(seeded, await RevisionCountAsync(http));
            var untouched = (await http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { ... on Organisation { title version } } }", new { id = Technologiestiftung }))
                .AssertNoErrors().Data["node"]!;
            Assert.Equal(("Technologiestiftung Berlin", 1), (untouched["title"].Text(), untouched["version"]!.GetValue<int>()));

            // The editor creates an event with a source, links it to a phase and an organisation, updates it.
            var created = (await AsAsync(http, editor, CreateEvent, new { input = eventInput })).AssertNoErrors().Data["createEvent"]!;
            Assert.Null(created["errors"]);
            var id = created["event"]!["id"].Text();
            Assert.Equal(1, created["event"]!["version"]!.GetValue<int>());
            var partOf = (await AsAsync(http, editor, AddRelation, new { input = new { type = "PART_OF", from = id, to = Phase2, sources = Sources("Einladung") } }))
                .AssertNoErrors().Data["addRelation"]!;
            var organises = (await AsAsync(http, editor, AddRelation,
                new { input = new { type = "ORGANISES", from = Technologiestiftung, to = id, role = "host", sources = Sources("Einladung") } })).AssertNoErrors().Data["addRelation"]!;
            Assert.Null(partOf["errors"]);
            Assert.Null(organises["errors"]);
            var updated = (await AsAsync(http, editor, UpdateEvent,
                new { input = new { id, expectedVersion = 1, summary = "Second version.", sources = Sources("Protokoll"), comment = "from the minutes" } }))
                .AssertNoErrors().Data["updateEvent"]!;
            Assert.Null(updated["errors"]);
            Assert.Equal(("Second version.", 2), (updated["event"]!["summary"].Text(), updated["event"]!["version"]!.GetValue<int>()));

            // A stale expectedVersion: ConflictError with the current version, nothing changes.
            var stale = (await AsAsync(http, editor, UpdateEvent, new { input = new { id, expectedVersion = 1, summary = "Stale.", sources = Sources("Protokoll") } }))
                .AssertNoErrors().Data["updateEvent"]!;
            Assert.Null(stale["event"]);
            var conflict = Assert.Single(stale["errors"]!.AsArray())!;
            Assert.Equal(("ConflictError", 2), (conflict["__typename"].Text(), conflict["currentVersion"]!.GetValue<int>()));

            // A change without a source: ValidationError naming `sources`, nothing changes.
            var unsourcedUpdate = (await AsAsync(http, editor, UpdateEvent, new { input = new { id, expectedVersion = 2, summary = "Unsourced.", sources = Array.Empty<object>() } }))
                .AssertNoErrors().Data["updateEvent"]!;
            var unsourcedCreate = (await AsAsync(http, editor, CreateEvent, new { input = eventInput with { sources = [] } })).AssertNoErrors().Data["createEvent"]!;
            foreach (var payload in new[] { unsourcedUpdate, unsourcedCreate })
            {
                var error = Assert.Single(payload["errors"]!.AsArray())!;
                Assert.Equal(("ValidationError", "sources"), (error["__typename"].Text(), error["field"].Text()));
            }
            Assert.Equal(seeded + 4, await RevisionCountAsync(http));

            // history and revisions(since:) show each step with actor and sources.
            var current = await ReadAsync(http, id, null);
            Assert.Equal(("Second version.", 2, Phase2, Technologiestiftung),
                (current["summary"].Text(), current["version"]!.GetValue<int>(), current["phase"]!["id"].Text(), Assert.Single(current["organisers"]!.AsArray())!["id"].Text()));
            var history = current["history"]!["nodes"]!.AsArray();
            Assert.Equal(["CREATE", "UPDATE"], history.Select(h => h!["action"].Text()));
            Assert.All(history, h => Assert.Equal("Erika Editor", h!["actor"].Text()));
            Assert.Equal(["Einladung", "Protokoll"], history.Select(h => string.Join(", ", h!["sources"]!.AsArray().Select(s => s!["title"].Text()))));
            var feed = (await http.PostGraphQLAsync("query($since: DateTime!) { revisions(since: $since) { nodes { number action actor subjectId relationType sources { title } } } }",
                new { since = beforeCreate })).AssertNoErrors().Data["revisions"]!["nodes"]!.AsArray();
            Assert.Equal(
                [(seeded + 1, "CREATE", id, null), (seeded + 2, "CREATE", partOf["relation"]!["id"].Text(), "PART_OF"),
                 (seeded + 3, "CREATE", organises["relation"]!["id"].Text(), "ORGANISES"), (seeded + 4, "UPDATE", id, null)],
                feed.Select(r => (r!["number"]!.GetValue<int>(), r["action"].Text(), r["subjectId"].Text(), r["relationType"]?.GetValue<string>())));
            Assert.All(feed, r => Assert.Equal("Erika Editor", r!["actor"].Text()));
            Assert.All(feed, r => Assert.NotEmpty(r!["sources"]!.AsArray()));

            // As of before the create: not there; as of the create: the first version, not yet linked.
            var createdAt = history[0]!["at"].Text();
            var updatedAt = history[1]!["at"].Text();
            Assert.Null((await http.PostGraphQLAsync(ReadEvent, new { id, asOf = beforeCreate })).AssertNoErrors().Data["node"]);
            var first = await ReadAsync(http, id, createdAt);
            Assert.Equal(("First version.", 1), (first["summary"].Text(), first["version"]!.GetValue<int>()));
            Assert.Null(first["phase"]);
            Assert.Empty(first["organisers"]!.AsArray());

            // The GraphML export as of those moments differs accordingly.
            Assert.Null(await GraphMLSummaryAsync(http, id, beforeCreate));
            Assert.Equal("First version.", await GraphMLSummaryAsync(http, id, createdAt));
            Assert.Equal("Second version.", await GraphMLSummaryAsync(http, id, null));
            Assert.Equal((0, 2), (await GraphMLEdgesAsync(http, id, createdAt), await GraphMLEdgesAsync(http, id, null)));

            // Only an admin reverts; the revert restores the state before the update and is itself a revision.
            var updateRevision = history[1]!["id"].Text();
            var editorRevert = await AsAsync(http, editor, Revert, new { revision = updateRevision });
            Assert.Equal((403, "FORBIDDEN"), (editorRevert.Status, Assert.Single(editorRevert.ErrorCodes)));
            var reverted = (await AsAsync(http, admin, Revert, new { revision = updateRevision })).AssertNoErrors().Data["revert"]!;
            Assert.Null(reverted["errors"]);
            var revert = reverted["revision"]!;
            Assert.Equal((seeded + 5, "REVERT", "Anna Admin", 3, seeded + 4),
                (revert["number"]!.GetValue<int>(), revert["action"].Text(), revert["actor"].Text(), revert["version"]!.GetValue<int>(), revert["reverts"]!["number"]!.GetValue<int>()));
            var restored = await ReadAsync(http, id, null);
            Assert.Equal(("First version.", 3, Phase2), (restored["summary"].Text(), restored["version"]!.GetValue<int>(), restored["phase"]!["id"].Text()));
            Assert.Equal(["CREATE", "UPDATE", "REVERT"], restored["history"]!["nodes"]!.AsArray().Select(h => h!["action"].Text()));
            Assert.Equal("First version.", await GraphMLSummaryAsync(http, id, null));
            Assert.Equal("Second version.", await GraphMLSummaryAsync(http, id, updatedAt));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    private static object[] Sources(string title) => [new { title }];

    private static Task<GraphQLAnswer> AsAsync(HttpClient http, string token, string query, object variables) =>
        http.PostGraphQLAsync(query, variables, new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });

    private static async Task<int> RevisionCountAsync(HttpClient http) =>
        (await http.PostGraphQLAsync("{ revisions { totalCount } }")).AssertNoErrors().Data["revisions"]!["totalCount"]!.GetValue<int>();

    private static async Task<JsonNode> ReadAsync(HttpClient http, string id, string? asOf) =>
        (await http.PostGraphQLAsync(ReadEvent, new { id, asOf })).AssertNoErrors().Data["node"] ?? throw new InvalidOperationException($"{id} not found as of {asOf}");

    private static readonly XNamespace GraphML = "http://graphml.graphdrawing.org/xmlns";

    private static async Task<XDocument> GraphMLAsync(HttpClient http, string? asOf)
    {
        using var response = await http.GetAsync("/export/kb.graphml" + (asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The summary of node <paramref name="id"/> in the GraphML export; null when the node is not in it.</summary>
    private static async Task<string?> GraphMLSummaryAsync(HttpClient http, string id, string? asOf) =>
        (await GraphMLAsync(http, asOf)).Descendants(GraphML + "node").SingleOrDefault(n => (string?)n.Attribute("id") == id) is { } node
            ? node.Elements(GraphML + "data").Single(d => (string?)d.Attribute("key") == "n-summary").Value
            : null;

    private static async Task<int> GraphMLEdgesAsync(HttpClient http, string id, string? asOf) =>
        (await GraphMLAsync(http, asOf)).Descendants(GraphML + "edge").Count(e => (string?)e.Attribute("source") == id || (string?)e.Attribute("target") == id);
}

public sealed class EditingWorkflowTestsOnSqlite : EditingWorkflowTests;

public sealed class EditingWorkflowTestsOnPostgres : EditingWorkflowTests
{
    protected override Dictionary<string, string> Settings() => new(base.Settings())
    {
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__SmartCity"] = SmartCityGraph.Testing.SmartCityPostgres.CreateDatabase(),
    };
}
