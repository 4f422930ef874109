using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Live;

/// <summary>
/// entityChanged and relationChanged against a server of its own: an edit over HTTP reaches WebSocket and SSE
/// subscribers at once, filtered by ids, kinds and types; since: replays from the history without gap or repeat;
/// a token in connection_init signs the socket in as the header signs in a request.
/// </summary>
public abstract class SubscriptionTests(EditingServer server)
{
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu"; // Organisation:technologiestiftung-berlin

    private const string EntityChanged = """
        subscription($ids: [ID!], $kinds: [NodeKind!], $since: Int) { entityChanged(ids: $ids, kinds: $kinds, since: $since) {
          action revision { number actor subjectId after } entity { id kind title version } } }
        """;

    private const string RelationChanged = """
        subscription($ids: [ID!], $types: [RelationType!], $since: Int) { relationChanged(ids: $ids, types: $types, since: $since) {
          action revision { number subjectId } relation { id type from { id } to { id } } } }
        """;

    private const string UpdateEvent = """
        mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { id version } errors { __typename } } }
        """;

    private static object Sources() => new[] { new { title = "Live test", url = "https://example.org/live" } };

    private async Task<(string Id, int Version)> AnEventAsync(int index = 0)
    {
        var node = (await server.Http.PostGraphQLAsync("query($n: Int!) { events(first: $n) { nodes { id version } } }", new { n = index + 1 }))
            .AssertNoErrors().Data["events"]!["nodes"]![index]!;
        return (node["id"].Text(), node["version"]!.GetValue<int>());
    }

    private async Task<int> RenameAsync(string id, string title)
    {
        var version = (await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { ... on Entity { version } } }", new { id }))
            .AssertNoErrors().Data["node"]!["version"]!.GetValue<int>();
        var answer = (await server.AsEditorAsync(UpdateEvent, new { input = new { id, expectedVersion = version, title, sources = Sources() } })).AssertNoErrors();
        Assert.Null(answer.Data["updateEvent"]!["errors"]);
        return await LatestRevisionAsync();
    }

    private async Task<int> LatestRevisionAsync() =>
        (await server.Http.PostGraphQLAsync("{ latestRevision { number } }")).AssertNoErrors().Data["latestRevision"]!["number"]!.GetValue<int>();

    [SkippableFact]
    public async Task An_updateEvent_over_HTTP_reaches_a_WebSocket_subscriber_of_EVENT_within_a_second_with_its_revision()
    {
        var (id, _) = await AnEventAsync();
        await using var socket = await LiveSocket.ConnectAsync(server.Server);
        await socket.SubscribeAsync("events", EntityChanged, new { kinds = new[] { "EVENT" } });
        await WaitForSubscribersAsync(1);

        var clock = Stopwatch.StartNew();
        var revision = await RenameAsync(id, "Renamed live over WebSocket");
        var change = (await socket.NextAsync(TimeSpan.FromSeconds(5)))["data"]!["entityChanged"]!;
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal("UPDATE", change["action"].Text());
        Assert.Equal(revision, change["revision"]!["number"]!.GetValue<int>());
        Assert.Equal("Ada Editor", change["revision"]!["actor"].Text());
        Assert.Equal(id, change["revision"]!["subjectId"].Text());
        Assert.Equal("Renamed live over WebSocket", change["revision"]!["after"]!["title"].Text());
        Assert.Equal(("EVENT", "Renamed live over WebSocket"), (change["entity"]!["kind"].Text(), change["entity"]!["title"].Text()));
    }

    [SkippableFact]
    public async Task An_updateEvent_reaches_an_SSE_subscriber_as_an_event_stream()
    {
        var (id, _) = await AnEventAsync(1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = EntityChanged, variables = new { kinds = new[] { "EVENT" } } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await WaitForSubscribersAsync(1);

        var revision = await RenameAsync(id, "Renamed live over SSE");
        var data = await NextSseEventAsync(reader);

        var change = data["data"]!["entityChanged"]!;
        Assert.Equal(revision, change["revision"]!["number"]!.GetValue<int>());
        Assert.Equal("Renamed live over SSE", change["entity"]!["title"].Text());
    }

    [SkippableFact]
    public async Task Filters_by_ids_and_kinds_so_a_subscriber_hears_only_its_entities()
    {
        var (watched, _) = await AnEventAsync(2);
        var (other, _) = await AnEventAsync(3);
        await using var socket = await LiveSocket.ConnectAsync(server.Server);
        await socket.SubscribeAsync("one", EntityChanged, new { ids = new[] { watched } });
        await socket.SubscribeAsync("pilots", EntityChanged, new { kinds = new[] { "PILOT" } });
        await WaitForSubscribersAsync(2);

        await RenameAsync(other, "Not watched");
        var revision = await RenameAsync(watched, "Watched");
        var message = await socket.ReceiveAsync();

        Assert.Equal("one", message["id"].Text());
        Assert.Equal(revision, message["payload"]!["data"]!["entityChanged"]!["revision"]!["number"]!.GetValue<int>());
        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(700));
    }

    [SkippableFact]
    public async Task Since_replays_what_was_missed_then_goes_on_live_without_a_gap_or_a_repeat()
    {
        var (id, _) = await AnEventAsync(4);
        var readAt = await LatestRevisionAsync();
        var missed1 = await RenameAsync(id, "Missed one");
        var missed2 = await RenameAsync(id, "Missed two");

        await using var socket = await LiveSocket.ConnectAsync(server.Server);
        await socket.SubscribeAsync("s", EntityChanged, new { ids = new[] { id }, since = readAt });
        var first = await socket.NextAsync();
        var second = await socket.NextAsync();
        await WaitForSubscribersAsync(1);
        var live = await RenameAsync(id, "Live");
        var third = await socket.NextAsync();

        int Number(JsonNode next) => next["data"]!["entityChanged"]!["revision"]!["number"]!.GetValue<int>();
        Assert.Equal([missed1, missed2, live], new[] { Number(first), Number(second), Number(third) });
        Assert.Equal("Missed one", first["data"]!["entityChanged"]!["revision"]!["after"]!["title"].Text());
        await socket.AssertSilentAsync(TimeSpan.FromMilliseconds(500));
    }

    [SkippableFact]
    public async Task RelationChanged_with_an_entity_id_hears_relations_added_to_and_removed_from_it()
    {
        var (eventId, _) = await AnEventAsync(5);
        await using var socket = await LiveSocket.ConnectAsync(server.Server);
        await socket.SubscribeAsync("r", RelationChanged, new { ids = new[] { eventId }, types = new[] { "ORGANISES" } });
        await WaitForSubscribersAsync(1);

        var added = (await server.AsEditorAsync("""
            mutation($input: AddRelationInput!) { addRelation(input: $input) { relation { id version } errors { __typename } } }
            """, new { input = new { type = "ORGANISES", from = Technologiestiftung, to = eventId, sources = Sources() } })).AssertNoErrors()
            .Data["addRelation"]!["relation"]!;
        var add = (await socket.NextAsync())["data"]!["relationChanged"]!;
        (await server.AsAdminAsync("""
            mutation($input: RemoveRelationInput!) { removeRelation(input: $input) { removedId errors { __typename } } }
            """, new { input = new { id = added["id"].Text(), expectedVersion = added["version"]!.GetValue<int>(), comment = "test" } })).AssertNoErrors();
        var remove = (await socket.NextAsync())["data"]!["relationChanged"]!;

        Assert.Equal(("CREATE", "ORGANISES", Technologiestiftung, eventId),
            (add["action"].Text(), add["relation"]!["type"].Text(), add["relation"]!["from"]!["id"].Text(), add["relation"]!["to"]!["id"].Text()));
        Assert.Equal(("DELETE", added["id"].Text()), (remove["action"].Text(), remove["revision"]!["subjectId"].Text()));
        Assert.Null(remove["relation"]);
    }

    [SkippableFact]
    public async Task A_token_in_connection_init_signs_the_socket_in_like_the_header_and_a_bad_one_leaves_it_anonymous()
    {
        var (id, _) = await AnEventAsync(6);
        const string Mutation = """mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { version } } }""";
        async Task<JsonNode> UpdateOverSocketAsync(object? init)
        {
            var version = (await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { ... on Entity { version } } }", new { id }))
                .AssertNoErrors().Data["node"]!["version"]!.GetValue<int>();
            await using var socket = await LiveSocket.ConnectAsync(server.Server, init);
            await socket.SubscribeAsync("m", Mutation, new { input = new { id, expectedVersion = version, summary = "Over the socket", sources = Sources() } });
            return await socket.ReceiveAsync();
        }

        var signedIn = await UpdateOverSocketAsync(new { Authorization = "Bearer " + server.EditorToken });
        var anonymous = await UpdateOverSocketAsync(null);
        var forged = await UpdateOverSocketAsync(new { Authorization = "Bearer not-a-token" });

        Assert.Equal("next", signedIn["type"].Text());
        Assert.NotNull(signedIn["payload"]!["data"]!["updateEvent"]!["event"]);
        foreach (var refused in new[] { anonymous, forged })
        {
            Assert.Equal("error", refused["type"].Text());
            Assert.Equal("UNAUTHENTICATED", refused["payload"]![0]!["extensions"]!["code"].Text());
        }
    }

    [SkippableFact]
    public async Task An_event_streams_Authorization_header_signs_it_in_as_over_HTTP()
    {
        var (id, _) = await AnEventAsync(7);
        async Task<JsonNode> UpdateOverSseAsync(string? token)
        {
            var version = (await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { ... on Entity { version } } }", new { id }))
                .AssertNoErrors().Data["node"]!["version"]!.GetValue<int>();
            var body = JsonSerializer.Serialize(new
            {
                query = "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { version } } }",
                variables = new { input = new { id, expectedVersion = version, summary = "Over SSE", sources = Sources() } },
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            return await NextSseEventAsync(reader);
        }

        var signedIn = await UpdateOverSseAsync(server.EditorToken);
        var anonymous = await UpdateOverSseAsync(null);
        var forged = await UpdateOverSseAsync("not-a-token");

        Assert.NotNull(signedIn["data"]!["updateEvent"]!["event"]);
        Assert.Equal("UNAUTHENTICATED", anonymous["errors"]![0]!["extensions"]!["code"].Text());
        Assert.Equal("UNAUTHENTICATED", forged["errors"]![0]!["extensions"]!["code"].Text());
    }

    [SkippableFact]
    public async Task Bad_arguments_are_refused_with_a_code()
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Server);
        await socket.SubscribeAsync("bad-id", EntityChanged, new { ids = new[] { "not an id" } });
        var badId = await socket.ReceiveAsync();
        Assert.Equal("complete", (await socket.ReceiveAsync())["type"].Text());
        await socket.SubscribeAsync("bad-since", EntityChanged, new { since = -1 });
        var badSince = await socket.ReceiveAsync();
        Assert.Equal("complete", (await socket.ReceiveAsync())["type"].Text());
        await socket.SubscribeAsync("relation-id", EntityChanged, new { ids = new[] { "UmVsYXRpb246MQ==" } }); // Relation:1, not an entity
        var relationId = await socket.ReceiveAsync();

        // Refused by the stream's resolver, at execution: a next with the error (then complete), as graphql-ws servers send it.
        static string Code(JsonNode message) => message["payload"]!["errors"]![0]!["extensions"]!["code"].Text();
        Assert.Equal(("next", "INVALID_ID"), (badId["type"].Text(), Code(badId)));
        Assert.Equal(("next", "INVALID_INPUT"), (badSince["type"].Text(), Code(badSince)));
        Assert.Equal(("next", "INVALID_ID"), (relationId["type"].Text(), Code(relationId)));
    }

    [SkippableFact]
    public async Task Limits_hold_for_subscriptions_cost_before_anything_runs_and_replay_only_so_far_back()
    {
        await using var socket = await LiveSocket.ConnectAsync(server.Server);
        await socket.SubscribeAsync("costly", """
            subscription { entityChanged { entity { relations(first: 100) { nodes { from { relations(first: 100) { nodes {
              to { relations(first: 100) { nodes { id } } } } } } } } } } }
            """);
        var costly = await socket.ReceiveAsync();
        // The seed import alone is more revisions than a replay may cover.
        await socket.SubscribeAsync("far-back", EntityChanged, new { since = 0 });
        var farBack = await socket.ReceiveAsync();

        Assert.Equal(("error", "COST_LIMIT_EXCEEDED"), (costly["type"].Text(), costly["payload"]![0]!["extensions"]!["code"].Text()));
        Assert.Equal("far-back", farBack["id"].Text());
        Assert.Equal("INVALID_INPUT", (farBack["type"].Text() == "error" ? farBack["payload"]![0] : farBack["payload"]!["errors"]![0])!["extensions"]!["code"].Text());
    }

    /// <summary>Subscribing is asynchronous: wait until the bus has the subscribers before editing.</summary>
    private async Task WaitForSubscribersAsync(int atLeast)
    {
        var bus = server.Server.Services.GetRequiredService<SmartCityGraph.GraphQL.Subscriptions.ChangeBus<SmartCityGraph.Server.Live.GraphChange>>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (bus.SubscriberCount < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {atLeast} subscribers, have {bus.SubscriberCount}");
            await Task.Delay(10);
        }
    }

    private static async Task<JsonNode> NextSseEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? eventName = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventName = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "next") return JsonNode.Parse(line[6..])!;
        }
        throw new InvalidOperationException("The event stream ended.");
    }
}

public sealed class SubscriptionTestsOnSqlite(EditingSqliteServer server) : SubscriptionTests(server), IClassFixture<EditingSqliteServer>;

public sealed class SubscriptionTestsOnPostgres(EditingPostgresServer server) : SubscriptionTests(server), IClassFixture<EditingPostgresServer>;
