using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Editing;

/// <summary>Mutations over HTTP: sign-in and roles, sources, versions, relations, deletes, reverts and the history they leave.</summary>
public abstract class EditingTests(EditingServer server)
{
    private const string Phase2 = "UGhhc2U6c3R1ZmUtMi1hdXNhcmJlaXR1bmdzcGhhc2U=";         // Phase:stufe-2-ausarbeitungsphase
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu"; // Organisation:technologiestiftung-berlin

    private const string CreateEvent = """
        mutation($input: CreateEventInput!) { createEvent(input: $input) {
          event { id title version startDate status citation }
          errors { __typename ... on Error { message } ... on ValidationError { field } } } }
        """;

    private const string UpdateEvent = """
        mutation($input: UpdateEventInput!) { updateEvent(input: $input) {
          event { id title summary endDate version }
          errors { __typename ... on Error { message } ... on ConflictError { currentVersion } ... on ValidationError { field } ... on NotFoundError { id } } } }
        """;

    private const string AddRelation = """
        mutation($input: AddRelationInput!) { addRelation(input: $input) {
          relation { id type version from { id } to { id } }
          errors { __typename ... on Error { message } ... on ValidationError { field } ... on NotFoundError { id } } } }
        """;

    private static object Sources(string title = "Press release") => new[] { new { title, url = "https://example.org/press" } };

    private async Task<string> CreateAsync(string title)
    {
        var answer = (await server.AsEditorAsync(CreateEvent, new
        {
            input = new { title, startDate = "2023-05-04", category = "PARTICIPATION", type = "WORKSHOP", sources = Sources(), comment = "test" },
        })).AssertNoErrors();
        Assert.Null(answer.Data["createEvent"]!["errors"]);
        return answer.Data["createEvent"]!["event"]!["id"].Text();
    }

    private async Task<int> RevisionCountAsync() =>
        (await server.Http.PostGraphQLAsync("{ revisions { totalCount } }")).AssertNoErrors().Data["revisions"]!["totalCount"]!.GetValue<int>();

    [SkippableFact]
    public async Task Without_a_token_or_with_a_bad_one_a_mutation_is_UNAUTHENTICATED_and_changes_nothing()
    {
        var before = await RevisionCountAsync();
        var input = new { input = new { title = "Anonymous", startDate = "2023-01-01", category = "NETWORK", sources = Sources() } };
        var forged = EditingServer.Token("Mallory", "admin", new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[48]));

        foreach (var answer in new[]
                 {
                     await server.Http.PostGraphQLAsync(CreateEvent, input),
                     await server.AsAsync("not-a-token", CreateEvent, input),
                     await server.AsAsync(forged, CreateEvent, input),
                 })
        {
            Assert.Equal(401, answer.Status);
            Assert.Equal(["UNAUTHENTICATED"], answer.ErrorCodes);
            Assert.Null(answer.Json["data"]);
            Assert.DoesNotContain(EditingServer.Key, answer.Body);
        }
        Assert.Equal(before, await RevisionCountAsync());
    }

    [SkippableFact]
    public async Task An_editors_delete_is_FORBIDDEN_and_changes_nothing_while_reading_stays_anonymous()
    {
        var before = await RevisionCountAsync();

        var answer = await server.AsEditorAsync(
            "mutation { deleteEntity(input: { id: \"" + Technologiestiftung + "\", expectedVersion: 1, comment: \"no\" }) { deletedId } }");

        Assert.Equal(403, answer.Status);
        Assert.Equal(["FORBIDDEN"], answer.ErrorCodes);
        Assert.Equal(before, await RevisionCountAsync());
        var still = await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Technologiestiftung });
        Assert.Equal(Technologiestiftung, still.AssertNoErrors().Data["node"]!["id"].Text());
    }

    [SkippableFact]
    public async Task A_change_without_a_source_is_a_ValidationError_naming_sources()
    {
        var answer = await server.AsEditorAsync(CreateEvent, new { input = new { title = "Unsourced", startDate = "2023-01-01", category = "NETWORK", sources = Array.Empty<object>() } });

        var payload = answer.AssertNoErrors().Data["createEvent"]!;
        Assert.Null(payload["event"]);
        var error = Assert.Single(payload["errors"]!.AsArray())!;
        Assert.Equal(("ValidationError", "sources"), (error["__typename"].Text(), error["field"].Text()));
    }

    [SkippableFact]
    public async Task An_editor_creates_updates_and_links_an_event_and_a_stale_version_is_a_conflict()
    {
        var id = await CreateAsync("Workshop Smart Water Süd");

        var updated = await server.AsEditorAsync(UpdateEvent, new { input = new { id, expectedVersion = 1, summary = "With a summary.", endDate = "2023-05-05", sources = Sources("Flyer") } });
        var stale = await server.AsEditorAsync(UpdateEvent, new { input = new { id, expectedVersion = 1, summary = "Stale.", sources = Sources("Flyer") } });
        var phase = await server.AsEditorAsync(AddRelation, new { input = new { type = "PART_OF", from = id, to = Phase2, sources = Sources() } });
        var organiser = await server.AsEditorAsync(AddRelation, new { input = new { type = "ORGANISES", from = Technologiestiftung, to = id, role = "host", sources = Sources() } });

        Assert.Equal(2, updated.AssertNoErrors().Data["updateEvent"]!["event"]!["version"]!.GetValue<int>());
        var conflict = stale.AssertNoErrors().Data["updateEvent"]!["errors"]![0]!;
        Assert.Equal(("ConflictError", 2), (conflict["__typename"].Text(), conflict["currentVersion"]!.GetValue<int>()));
        Assert.Null(phase.AssertNoErrors().Data["addRelation"]!["errors"]);
        Assert.Null(organiser.AssertNoErrors().Data["addRelation"]!["errors"]);

        var read = (await server.Http.PostGraphQLAsync("""
            query($id: ID!) { node(id: $id) { ... on Event { title summary endDate version phase { title } organisers { title }
              history { totalCount nodes { number action actor version comment sources { title } before after } } } } }
            """, new { id })).AssertNoErrors().Data["node"]!;
        Assert.Equal(("With a summary.", "2023-05-05", 2), (read["summary"].Text(), read["endDate"].Text(), read["version"]!.GetValue<int>()));
        Assert.Equal("Stufe 2: Ausarbeitungsphase", read["phase"]!["title"].Text());
        Assert.Equal("Technologiestiftung Berlin", Assert.Single(read["organisers"]!.AsArray())!["title"].Text());
        var history = read["history"]!["nodes"]!.AsArray();
        Assert.Equal(["CREATE", "UPDATE"], history.Select(h => h!["action"].Text()));
        Assert.All(history, h => Assert.Equal("Ada Editor", h!["actor"].Text()));
        Assert.Equal("Flyer", history[1]!["sources"]![0]!["title"].Text());
        Assert.Null(history[0]!["before"]);
        Assert.Equal("Workshop Smart Water Süd", history[0]!["after"]!["title"].Text());
        Assert.Null(history[1]!["before"]!["summary"]);
        Assert.Equal("With a summary.", history[1]!["after"]!["summary"].Text());
    }

    [SkippableFact]
    public async Task The_key_comes_from_the_title_and_stays_when_the_title_changes()
    {
        var id = await CreateAsync("Runder Tisch: Daten & Stadt");

        var renamed = await server.AsEditorAsync(UpdateEvent, new { input = new { id, expectedVersion = 1, title = "Ein anderer Titel", sources = Sources() } });

        Assert.Equal("RXZlbnQ6cnVuZGVyLXRpc2NoLWRhdGVuLXN0YWR0", id); // Event:runder-tisch-daten-stadt
        Assert.Equal(id, renamed.AssertNoErrors().Data["updateEvent"]!["event"]!["id"].Text());
    }

    [SkippableFact]
    public async Task Relations_keep_to_the_vocabulary_and_never_dangle()
    {
        var id = await CreateAsync("Workshop for linking");

        var wrongKinds = await server.AsEditorAsync(AddRelation, new { input = new { type = "ORGANISES", from = id, to = Technologiestiftung, sources = Sources() } });
        const string nobody = "T3JnYW5pc2F0aW9uOm5vYm9keQ=="; // Organisation:nobody
        var dangling = await server.AsEditorAsync(AddRelation, new { input = new { type = "ORGANISES", from = nobody, to = id, sources = Sources() } });
        var malformed = await server.AsEditorAsync(AddRelation, new { input = new { type = "ORGANISES", from = "nonsense", to = id, sources = Sources() } });

        Assert.Equal("type", wrongKinds.AssertNoErrors().Data["addRelation"]!["errors"]![0]!["field"].Text());
        var notFound = dangling.AssertNoErrors().Data["addRelation"]!["errors"]![0]!;
        Assert.Equal(("NotFoundError", nobody), (notFound["__typename"].Text(), notFound["id"].Text()));
        Assert.Equal(["INVALID_ID"], malformed.ErrorCodes);
    }

    [SkippableFact]
    public async Task An_admin_deletes_an_entity_with_its_relations_and_reverts_the_delete()
    {
        var seen = await RevisionCountAsync();
        var id = await CreateAsync("Workshop to delete");
        var linked = (await server.AsEditorAsync(AddRelation, new { input = new { type = "PART_OF", from = id, to = Phase2, sources = Sources() } }))
            .AssertNoErrors().Data["addRelation"]!["relation"]!["id"].Text();

        var deleted = await server.AsAdminAsync("mutation($id: ID!) { deleteEntity(input: { id: $id, expectedVersion: 1, comment: \"test\" }) { deletedId errors { __typename } } }", new { id });

        Assert.Equal(id, deleted.AssertNoErrors().Data["deleteEntity"]!["deletedId"].Text());
        var gone = (await server.Http.PostGraphQLAsync("query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }", new { a = id, b = linked })).AssertNoErrors().Data;
        Assert.Null(gone["a"]);
        Assert.Null(gone["b"]);
        var feed = (await server.Http.PostGraphQLAsync("query($seen: Int!) { revisions(first: 100, sinceNumber: $seen) { nodes { id number action subjectId } } }", new { seen })).AssertNoErrors()
            .Data["revisions"]!["nodes"]!.AsArray();
        var deletion = feed.Last(r => r!["subjectId"].Text() == id && r["action"].Text() == "DELETE")!;
        Assert.Contains(feed, r => r!["subjectId"].Text() == linked && r["action"].Text() == "DELETE");

        var reverted = await server.AsAdminAsync(
            "mutation($r: ID!) { revert(input: { revision: $r, comment: \"by mistake\" }) { revision { action reverts { number } subjectId version } errors { __typename } } }",
            new { r = deletion["id"].Text() });

        var revert = reverted.AssertNoErrors().Data["revert"]!["revision"]!;
        Assert.Equal(("REVERT", id, 3), (revert["action"].Text(), revert["subjectId"].Text(), revert["version"]!.GetValue<int>()));
        Assert.Equal(deletion["number"]!.GetValue<int>(), revert["reverts"]!["number"]!.GetValue<int>());
        var back = (await server.Http.PostGraphQLAsync("query($a: ID!) { node(id: $a) { ... on Event { title version } } }", new { a = id })).AssertNoErrors().Data["node"]!;
        Assert.Equal(("Workshop to delete", 3), (back["title"].Text(), back["version"]!.GetValue<int>()));
    }

    [SkippableFact]
    public async Task The_change_feed_lists_revisions_oldest_first_and_filters_by_kind_and_time()
    {
        var seen = await RevisionCountAsync();
        var id = await CreateAsync("Feed workshop");
        var all = (await server.Http.PostGraphQLAsync("{ revisions(first: 1) { totalCount nodes { number action actor at } } }")).AssertNoErrors().Data["revisions"]!;
        var first = all["nodes"]![0]!;
        var events = (await server.Http.PostGraphQLAsync("query($seen: Int!) { revisions(kinds: [EVENT], first: 100, sinceNumber: $seen) { nodes { subjectKind subjectId } } }", new { seen }))
            .AssertNoErrors().Data["revisions"]!["nodes"]!.AsArray();
        var since = (await server.Http.PostGraphQLAsync("query($t: DateTime!) { revisions(since: $t) { nodes { number } } }", new { t = first["at"].Text() }))
            .AssertNoErrors().Data["revisions"]!["nodes"]!.AsArray();

        Assert.Equal((1, "IMPORT", "seed import"), (first["number"]!.GetValue<int>(), first["action"].Text(), first["actor"].Text()));
        Assert.All(events, e => Assert.Equal("EVENT", e!["subjectKind"].Text()));
        Assert.Contains(events, e => e!["subjectId"].Text() == id);
        Assert.Equal(2, since[0]!["number"]!.GetValue<int>()); // strictly after
    }
}

public sealed class EditingTestsOnSqlite(EditingSqliteServer server) : EditingTests(server), IClassFixture<EditingSqliteServer>;

public sealed class EditingTestsOnPostgres(EditingPostgresServer server) : EditingTests(server), IClassFixture<EditingPostgresServer>;
