using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using Xunit.Abstractions;

namespace SmartCityGraph.Data.Tests.Editing;

/// <summary>Past states as in-memory databases: built once, bounded, refused when too large or when the history is incomplete.</summary>
public abstract class GraphSnapshotsTests(ITestOutputHelper output, DatabaseProvider provider) : IAsyncLifetime
{
    private readonly EditingDatabase database = new(provider);

    public async Task InitializeAsync() => await database.ImportAsync(SeedLocation.Directory);

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    private static GraphSnapshots Snapshots(int cached = 2, int maxRows = 10_000) =>
        new(new SnapshotOptions { CachedSnapshots = cached, MaxRows = maxRows }, _ => { }, [], NullLogger<GraphSnapshots>.Instance);

    [SkippableFact]
    public async Task A_snapshot_holds_the_replayed_state_with_its_history_and_is_built_once()
    {
        using var snapshots = Snapshots();
        await using var live = database.Context();
        var head = await GraphReplay.HeadAsync(live);

        var clock = Stopwatch.StartNew();
        var (first, lease1) = await snapshots.AtAsync(head - 10, database.Context, default);
        output.WriteLine($"built in {clock.ElapsedMilliseconds} ms");
        var (again, lease2) = await snapshots.AtAsync(head - 10, database.Context, default);

        Assert.Same(first, again);
        // One reader and one search index per snapshot (regression: one per as-of request prepared, and kept, its
        // statements again on the snapshot's connections every time).
        Assert.Same(first.Reader, again.Reader);
        Assert.Same(first.SearchIndex, again.SearchIndex);
        await using var past = first.CreateContext();
        var expected = await GraphReplay.StateAtAsync(live, head - 10);
        Assert.Equal(expected.Entities.Count, await past.Entities.CountAsync());
        Assert.Equal(expected.Relations.Count, await past.Relations.CountAsync());
        Assert.Equal(head - 10, await GraphReplay.HeadAsync(past));
        Assert.Empty(await GraphReplay.DifferencesAsync(past));
        lease1.Dispose();
        lease2.Dispose();
    }

    [SkippableFact]
    public async Task An_evicted_snapshot_stays_readable_while_leased_and_is_freed_after()
    {
        using var snapshots = Snapshots(cached: 1);
        var (oldest, lease) = await snapshots.AtAsync(5, database.Context, default);
        (await snapshots.AtAsync(6, database.Context, default)).Lease.Dispose(); // evicts revision 5

        await using (var past = oldest.CreateContext())
            Assert.Equal(5, await past.Revisions.CountAsync());
        lease.Dispose();

        await using var gone = oldest.CreateContext();
        await Assert.ThrowsAnyAsync<Exception>(() => gone.Revisions.CountAsync()); // the in-memory database went with its last connection
    }

    [SkippableFact]
    public async Task Too_large_a_past_is_refused()
    {
        using var snapshots = Snapshots(maxRows: 10);

        await Assert.ThrowsAsync<SnapshotTooLargeException>(() => snapshots.AtAsync(100, database.Context, default));
    }

    [SkippableFact]
    public async Task A_graph_with_rows_the_history_does_not_know_has_no_past()
    {
        await using (var db = database.Context())
        {
            db.Add(new Phase { Key = "written-outside", Title = "Written outside the write path" });
            await db.SaveChangesAsync();
        }
        using var snapshots = Snapshots();

        await Assert.ThrowsAsync<IncompleteHistoryException>(() => snapshots.AtAsync(10, database.Context, default));
    }
}

public sealed class GraphSnapshotsTestsOnSqlite(ITestOutputHelper output) : GraphSnapshotsTests(output, DatabaseProvider.Sqlite);

public sealed class GraphSnapshotsTestsOnPostgres(ITestOutputHelper output) : GraphSnapshotsTests(output, DatabaseProvider.Postgres);
