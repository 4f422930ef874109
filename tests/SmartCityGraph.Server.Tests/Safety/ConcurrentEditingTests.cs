using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCityGraph.Server.Tests.Safety;

/// <summary>
/// Concurrent editors lose nothing: many clients update shared and their own entities and create new ones against
/// a real server process; afterwards every acknowledged change is in the data and in the history, every subject's
/// versions run 1, 2, 3, … without a gap, nothing is duplicated, and the history replays to the stored graph.
/// </summary>
/// <remarks>
/// 50 clients for 30 s (set SMARTCITYGRAPH_SAFETY_SECONDS to run longer or shorter; CI runs the full 30 s).
/// </remarks>
public sealed class ConcurrentEditingTests(ITestOutputHelper output)
{
    private const int Clients = 50;
    private const int SharedEntities = 3;

    private static TimeSpan Duration => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("SMARTCITYGRAPH_SAFETY_SECONDS"), out var seconds) && seconds > 0 ? seconds : 30);

    private const string Create = """
        mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id version } errors { __typename } } }
        """;

    private const string Update = """
        mutation($input: UpdateEventInput!) { updateEvent(input: $input) {
          event { id version summary } errors { __typename ... on ConflictError { currentVersion } } } }
        """;

    private static object Sources(string title) => new[] { new { title, url = "https://example.org/safety" } };

    private static object NewEvent(string title) => new
    {
        input = new { title, startDate = "2023-01-01", category = "NETWORK", sources = Sources("setup") },
    };

    private sealed record Acknowledged(string Id, int Version, string Summary);

    [Fact]
    public async Task Every_acknowledged_change_is_stored_and_recorded_with_gapless_versions_and_no_duplicate()
    {
        var data = ServerProcess.DataDirectoryForTest();
        try
        {
            await using var server = await ServerProcess.StartAsync(data);
            var setupToken = ServerProcess.Token("Setup", "editor");
            async Task<string> CreateAsync(string title) =>
                (await server.PostAsync(Create, NewEvent(title), setupToken))!["data"]!["createEvent"]!["event"]!["id"]!.GetValue<string>();
            var shared = new List<string>();
            for (var i = 0; i < SharedEntities; i++) shared.Add(await CreateAsync($"Shared safety event {i}"));
            var own = new List<string>();
            for (var i = 0; i < Clients; i++) own.Add(await CreateAsync($"Own safety event {i}"));

            var acknowledged = new ConcurrentBag<Acknowledged>();
            var created = new ConcurrentBag<(string Id, string Title)>();
            var conflicts = 0;
            var failures = new ConcurrentBag<string>();
            var deadline = Stopwatch.StartNew();

            async Task ClientAsync(int client)
            {
                var token = ServerProcess.Token($"Editor {client}", "editor");
                var random = new Random(client);
                var versions = new Dictionary<string, int> { [own[client]] = 1 };
                for (var n = 0; deadline.Elapsed < Duration; n++)
                {
                    var action = random.Next(10);
                    if (action == 0)
                    {
                        var title = $"Created by client {client} #{n}";
                        var answer = await server.PostAsync(Create, NewEvent(title), token);
                        if (answer?["data"]?["createEvent"]?["event"]?["id"]?.GetValue<string>() is { } id) created.Add((id, title));
                        else if (answer is not null) failures.Add(answer.ToJsonString());
                        continue;
                    }
                    // Mostly the shared entities (contended), else its own (never contended).
                    var target = action < 7 ? shared[random.Next(shared.Count)] : own[client];
                    var expected = versions.TryGetValue(target, out var known) ? known : 1;
                    var summary = $"client {client} change {n}";
                    var result = await server.PostAsync(Update, new { input = new { id = target, expectedVersion = expected, summary, sources = Sources($"client {client}") } }, token);
                    var payload = result?["data"]?["updateEvent"];
                    if (payload?["event"] is JsonObject changed)
                    {
                        var version = changed["version"]!.GetValue<int>();
                        acknowledged.Add(new Acknowledged(target, version, summary));
                        versions[target] = version;
                    }
                    else if (payload?["errors"]?[0]?["currentVersion"] is { } current)
                    {
                        Interlocked.Increment(ref conflicts);
                        versions[target] = current.GetValue<int>();
                    }
                    else if (result is not null)
                    {
                        failures.Add(result.ToJsonString());
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c))));
            var seconds = deadline.Elapsed.TotalSeconds;
            output.WriteLine($"{Clients} clients, {seconds:F0} s: {acknowledged.Count} acknowledged updates, {created.Count} creates, " +
                             $"{conflicts} conflicts, {failures.Count} other answers; {(acknowledged.Count + created.Count) / seconds:F1} changes/s");
            Assert.Empty(failures);
            Assert.True(acknowledged.Count(a => shared.Contains(a.Id)) > SharedEntities, "the shared entities should have been changed concurrently");
            Assert.True(conflicts > 0, "concurrent updates of shared entities should have conflicted");

            // Every subject's history: gapless versions, every acknowledged change at its version with its summary.
            foreach (var id in shared.Concat(own).Concat(created.Select(c => c.Id)))
            {
                var history = await HistoryAsync(server, id);
                Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h.Version));
                foreach (var change in acknowledged.Where(a => a.Id == id))
                    Assert.Equal(change.Summary, history[change.Version - 1].After!["summary"]!.GetValue<string>());
                var now = (await server.PostAsync("query($id: ID!) { node(id: $id) { ... on Event { version summary } } }", new { id }, null))!["data"]!["node"]!;
                Assert.Equal(history.Count, now["version"]!.GetValue<int>());
                Assert.Equal(history[^1].After!["summary"]?.GetValue<string>(), now["summary"]?.GetValue<string>());
            }

            // No duplicate: each acknowledged create exists once, under its own key.
            var titles = (await server.PostAsync("""{ events(first: 100, where: { title: { startsWith: "Created by client" } }) { totalCount } }""", null, null))!;
            Assert.Equal(created.Count, titles["data"]!["events"]!["totalCount"]!.GetValue<int>());
            Assert.Equal(created.Count, created.Select(c => c.Id).Distinct().Count());

            await server.DisposeAsync();
            await using var db = ServerProcess.OpenDatabase(data);
            var numbers = await db.Revisions.OrderBy(r => r.Number).Select(r => r.Number).ToListAsync();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
            Assert.Empty(await GraphReplay.DifferencesAsync(db));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed record HistoryEntry(int Version, JsonObject? After);

    private static async Task<List<HistoryEntry>> HistoryAsync(ServerProcess server, string id)
    {
        var entries = new List<HistoryEntry>();
        string? after = null;
        while (true)
        {
            var page = (await server.PostAsync("""
                query($id: ID!, $after: String) { node(id: $id) { ... on Entity { history(first: 100, after: $after) {
                  pageInfo { hasNextPage endCursor } nodes { version after } } } } }
                """, new { id, after }, null))!["data"]!["node"]!["history"]!;
            entries.AddRange(page["nodes"]!.AsArray().Select(n => new HistoryEntry(n!["version"]!.GetValue<int>(), n["after"] as JsonObject)));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) return entries;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
    }
}
