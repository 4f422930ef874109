using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartCityGraph.Server.Tests.Safety;

/// <summary>
/// A server killed with SIGKILL in the middle of a burst of writes loses nothing it acknowledged and leaves a sound
/// database: after a restart <c>PRAGMA integrity_check</c> is ok and the revisions replay to exactly the stored state.
/// </summary>
public sealed class KilledServerTests(ITestOutputHelper output)
{
    private const string Create = """
        mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } errors { __typename } } }
        """;

    [Fact]
    public async Task After_a_SIGKILL_mid_burst_the_database_is_sound_and_the_history_replays_to_it()
    {
        var data = ServerProcess.DataDirectoryForTest();
        try
        {
            var acknowledged = new ConcurrentBag<string>();
            var server = await ServerProcess.StartAsync(data);
            var token = ServerProcess.Token("Burst", "editor");
            using var stop = new CancellationTokenSource();

            async Task WriterAsync(int writer)
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var answer = await server.PostAsync(Create, new
                    {
                        input = new
                        {
                            title = $"Burst {writer}-{n}", startDate = "2023-01-01", category = "NETWORK",
                            sources = new[] { new { title = "burst" } },
                        },
                    }, token, stop.Token);
                    if (answer?["data"]?["createEvent"]?["event"]?["id"]?.GetValue<string>() is { } id) acknowledged.Add(id);
                }
            }

            var writers = Enumerable.Range(0, 20).Select(w => Task.Run(() => WriterAsync(w))).ToList();
            // Kill once writes are flowing, in the middle of the burst.
            while (acknowledged.Count < 50) await Task.Delay(20);
            await server.KillAsync();
            var atKill = acknowledged.Count;
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await server.DisposeAsync();
            output.WriteLine($"killed after {atKill} acknowledged creates ({acknowledged.Count} in all)");

            // Restart on the same database: it recovers and serves every acknowledged event.
            await using (var restarted = await ServerProcess.StartAsync(data))
            {
                foreach (var id in acknowledged)
                {
                    var node = await restarted.PostAsync("query($id: ID!) { node(id: $id) { id } }", new { id }, null);
                    Assert.Equal(id, node!["data"]!["node"]?["id"]?.GetValue<string>());
                }
                var more = await restarted.PostAsync(Create, new
                {
                    input = new { title = "After the restart", startDate = "2023-01-01", category = "NETWORK", sources = new[] { new { title = "restart" } } },
                }, token);
                Assert.NotNull(more!["data"]!["createEvent"]!["event"]);
            }

            SqliteConnection.ClearAllPools();
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "smartcity.db")};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            }
            await using var db = ServerProcess.OpenDatabase(data);
            Assert.Empty(await GraphReplay.DifferencesAsync(db));
            var numbers = await db.Revisions.OrderBy(r => r.Number).Select(r => r.Number).ToListAsync();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
