using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;
using SmartCityGraph.Testing;

namespace SmartCityGraph.Server.Tests.ScaleOut;

/// <summary>
/// Live updates across instances: two server processes on one PostgreSQL database; an edit made through one reaches
/// a WebSocket subscriber of the other within a second — through LISTEN/NOTIFY, since the history poll is set to
/// five minutes here.
/// </summary>
public sealed class LiveAcrossInstancesTests
{
    private const string SigningKey = "live-across-instances-signing-key-of-32-bytes";

    [SkippableFact]
    public async Task An_edit_through_one_instance_reaches_a_subscriber_of_the_other_within_a_second()
    {
        var database = PostgresCluster.Instance.CreateDatabase();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres", ["ConnectionStrings__SmartCity"] = database, ["Auth__SigningKey"] = SigningKey,
            ["Limits__ChangeBus__PollInterval"] = "00:05:00", // only a notification can deliver within the second
        };
        var starting = ServerProcess.StartAsync(settings);
        var startingToo = ServerProcess.StartAsync(settings);
        await using var editedThrough = await starting;
        await using var subscribedTo = await startingToo;
        var evt = (await editedThrough.Http.PostGraphQLAsync("{ events(first: 1) { nodes { id version } } }")).AssertNoErrors().Data["events"]!["nodes"]![0]!;
        var id = evt["id"].Text();

        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(new Uri($"ws://{subscribedTo.Http.BaseAddress!.Authority}/graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init" });
        Assert.Equal("connection_ack", (await ReceiveAsync(socket))["type"].Text());
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new
        {
            query = "subscription($ids: [ID!]) { entityChanged(ids: $ids) { action revision { number actor } entity { title } } }",
            variables = new { ids = new[] { id } },
        } });
        await Task.Delay(1000); // the subscription attaches (there is no since: here, on purpose)

        var token = SmartCityGraph.Server.SignIn.TokenIssuer.Issue(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), "Instance One Editor", "editor", TimeSpan.FromHours(1));
        var signedIn = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        async Task<TimeSpan> EditAsync(int version, string title)
        {
            var clock = Stopwatch.StartNew();
            (await editedThrough.Http.PostGraphQLAsync(
                "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { version } } }",
                new { input = new { id, expectedVersion = version, title, sources = new[] { new { title = "scale-out" } } } }, signedIn)).AssertNoErrors();
            var next = await ReceiveAsync(socket);
            Assert.Equal("next", next["type"].Text());
            var change = next["payload"]!["data"]!["entityChanged"]!;
            Assert.Equal(("UPDATE", "Instance One Editor", title), (change["action"].Text(), change["revision"]!["actor"].Text(), change["entity"]!["title"].Text()));
            return clock.Elapsed;
        }

        // The first edit also warms both processes up (the first mutation and the first event compile a lot).
        var version = evt["version"]!.GetValue<int>();
        await EditAsync(version, "Edited through the other instance (warm-up)");
        var took = await EditAsync(version + 1, "Edited through the other instance");

        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonNode> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(buffer.AsSpan(0, length))!;
    }
}
