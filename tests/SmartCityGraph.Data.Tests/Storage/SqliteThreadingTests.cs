using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Storage;

internal static class SqliteThreadingInTests
{
    /// <summary>The whole test process runs SQLite as the server does: in multi-thread mode, chosen before any connection.</summary>
    [ModuleInitializer]
    internal static void UseTheServersMode() => SqliteThreading.UseMultiThreadMode();
}

/// <summary>
/// SQLite in multi-thread mode (<see cref="SqliteThreading"/>): chosen when asked before any connection opened, and
/// prepared reads from many threads at once, each on a connection of its own, read what one thread reads.
/// </summary>
public sealed class SqliteThreadingTests
{
    [Fact]
    public void Asked_before_any_connection_SQLite_runs_in_multi_thread_mode()
    {
        SqliteThreading.UseMultiThreadMode(); // a second call changes nothing
        Assert.True(SqliteThreading.MultiThread);
    }

    [Fact]
    public async Task Prepared_reads_on_many_threads_at_once_read_what_one_thread_reads()
    {
        using var database = (SqliteTestDatabase)TestDatabase.Create(DatabaseProvider.Sqlite);
        var ids = new List<int>();
        await using (var db = database.CreateContext())
        {
            var hub = new Organisation { Key = "hub", Title = "Hub", Sources = [new Source { Title = "test" }] };
            var events = Enumerable.Range(0, 200).Select(i => new Event { Key = $"e{i}", Title = $"Event {i}", StartDate = new DateOnly(2021, 1, 1 + i % 28) }).ToList();
            db.Add(hub);
            db.AddRange(events);
            db.AddRange(events.Select(e => new Relation { From = hub, To = e, Type = RelationType.Organises }));
            await db.SaveChangesAsync();
            ids.AddRange(events.Select(e => e.Id).Append(hub.Id));
        }
        using var reads = new SqliteReads(database.ConnectionString, [], NullLogger<SqliteReads>.Instance);
        var reader = new SqliteGraphReader(reads, database.Rows);
        async Task<string> ReadAsync() => JsonSerializer.Serialize(new
        {
            Entities = (await reader.EntitiesAsync(ids)).OrderBy(e => e.Id).Select(e => JsonSerializer.Serialize(e, e.GetType())),
            Edges = (await reader.EdgesTouchingAsync([ids[^1]], null, withKinds: true, limit: 1_000)).OrderBy(e => e.Id),
        });
        var expected = await ReadAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var differing = 0;
            for (var i = 0; i < 50; i++)
                if (await ReadAsync() != expected) differing++;
            return differing;
        })));

        Assert.All(answers, differing => Assert.Equal(0, differing));
        Assert.Contains("Event 199", expected);
    }
}
