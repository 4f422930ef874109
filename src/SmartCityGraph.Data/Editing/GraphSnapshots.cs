using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Sqlite;

namespace SmartCityGraph.Data.Editing;

/// <summary>Limits of "as of" reads.</summary>
public sealed class SnapshotOptions
{
    /// <summary>How many past states are kept in memory (least recently used go first).</summary>
    public int CachedSnapshots { get; set; } = 8;

    /// <summary>The largest past state (entities plus relations) built in memory; beyond it an "as of" read is refused.</summary>
    public int MaxRows { get; set; } = 250_000;
}

/// <summary>A past state is larger than <see cref="SnapshotOptions.MaxRows"/>.</summary>
public sealed class SnapshotTooLargeException(int rows, int max)
    : Exception($"The graph as it stood then has {rows} entities and relations; \"as of\" reads are limited to {max}.");

/// <summary>The stored graph holds rows the history does not account for (a synthetic graph), so its past cannot be rebuilt.</summary>
public sealed class IncompleteHistoryException()
    : Exception("This database holds rows written outside the write path (e.g. by the generate verb), so its history cannot rebuild the past.");

/// <summary>
/// The graph as it stood at a revision, as an in-memory SQLite database with the live schema (every migration,
/// the search index included), filled by <see cref="GraphReplay"/>: the same resolvers and loaders run against it
/// as against the live database, through a context made from <see cref="CreateContext"/>. Kept alive by one
/// connection while cached or leased; the last lease of an evicted snapshot frees it.
/// </summary>
public sealed class GraphSnapshot
{
    private readonly SqliteConnection keeper;
    private readonly DbContextOptions<SmartCityDbContext> options;
    private int leases;
    private bool evicted;
    private bool freed;

    internal GraphSnapshot(int revision, SqliteConnection keeper, DbContextOptions<SmartCityDbContext> options, SqliteReads reads)
    {
        Revision = revision;
        this.keeper = keeper;
        this.options = options;
        Reads = reads;
        rows = new Lazy<ModelRows>(() =>
        {
            using var db = CreateContext();
            return new ModelRows(db.Model);
        });
        reader = new Lazy<SqliteGraphReader>(() => new SqliteGraphReader(Reads, Rows));
        searchIndex = new Lazy<SqliteSearchIndex>(() => new SqliteSearchIndex(Reads, Rows));
    }

    private readonly Lazy<ModelRows> rows;
    private readonly Lazy<SqliteGraphReader> reader;
    private readonly Lazy<SqliteSearchIndex> searchIndex;

    public int Revision { get; }

    /// <summary>
    /// Prepared reads over this state, for the SQL seams that bypass EF Core (graph reader, search index): a scope
    /// reading the past must read them from here, not from the live database's.
    /// </summary>
    public SqliteReads Reads { get; }

    /// <summary>How <see cref="Reads"/> turn rows into objects: SQLite's model, whatever the live engine's.</summary>
    public ModelRows Rows => rows.Value;

    /// <summary>
    /// The graph reader and the search index over this state, one of each per snapshot: their statements are prepared
    /// once per connection of <see cref="Reads"/>, so a reader made per request would prepare (and keep) new ones every time.
    /// </summary>
    public IGraphReader Reader => reader.Value;

    /// <inheritdoc cref="Reader"/>
    public ISearchIndex SearchIndex => searchIndex.Value;

    /// <summary>A context reading this state (its own connection to the shared in-memory database; dispose it).</summary>
    public SmartCityDbContext CreateContext() => new(options);

    /// <summary>Keeps the state alive until the lease is disposed, even if the cache lets it go meanwhile; null when it is gone already.</summary>
    internal IDisposable? TryLease()
    {
        lock (this)
        {
            if (freed) return null;
            leases++;
            return new Release(this);
        }
    }

    internal void Evict()
    {
        lock (this)
        {
            evicted = true;
            if (leases == 0) Free();
        }
    }

    private void Free()
    {
        freed = true;
        Reads.Dispose(); // its connections would keep the in-memory database alive
        SqliteConnection.ClearPool(keeper);
        keeper.Dispose();
    }

    private sealed class Release(GraphSnapshot snapshot) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            lock (snapshot)
            {
                snapshot.leases--;
                if (snapshot.evicted && snapshot.leases == 0) snapshot.Free();
            }
        }
    }
}

/// <summary>
/// A bounded cache of <see cref="GraphSnapshot"/>s keyed by revision number, each built once however many requests
/// ask for it at the same time. The SQLite seam of "as of" reads: whatever the live database, past states live in
/// in-memory SQLite (so on PostgreSQL a snapshot's scope must pick the SQLite implementations of the SQL seams).
/// </summary>
/// <param name="configure">Adds what every context of the host has (interceptors) to a snapshot's options.</param>
/// <param name="listeners">Count the statements of a snapshot's prepared reads, as the live ones are counted.</param>
public sealed class GraphSnapshots(SnapshotOptions limits, Action<DbContextOptionsBuilder<SmartCityDbContext>> configure,
    IEnumerable<ISqlStatementListener> listeners, ILogger<GraphSnapshots> logger)
    : IDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<int, Lazy<Task<GraphSnapshot>>> cache = [];
    private readonly LinkedList<int> recency = [];
    private (int Head, bool Covered)? coverage;

    /// <summary>
    /// The graph as it stood at <paramref name="revision"/>, built from <paramref name="live"/>'s history when not cached,
    /// with a lease that keeps it alive until disposed.
    /// </summary>
    public async Task<(GraphSnapshot Snapshot, IDisposable Lease)> AtAsync(int revision, Func<SmartCityDbContext> live, CancellationToken ct)
    {
        while (true)
        {
            var snapshot = await CachedAsync(revision, live, ct);
            if (snapshot.TryLease() is { } lease) return (snapshot, lease);
            // Evicted and freed between building and leasing: build it again.
        }
    }

    private async Task<GraphSnapshot> CachedAsync(int revision, Func<SmartCityDbContext> live, CancellationToken ct)
    {
        Lazy<Task<GraphSnapshot>> entry;
        lock (gate)
        {
            if (!cache.TryGetValue(revision, out entry!))
            {
                // Built without the caller's token: a snapshot other requests share must not die with this one.
                entry = new Lazy<Task<GraphSnapshot>>(() => BuildAsync(revision, live));
                cache[revision] = entry;
                while (cache.Count > Math.Max(1, limits.CachedSnapshots)) EvictOldest();
            }
            recency.Remove(revision);
            recency.AddFirst(revision);
        }
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            lock (gate) if (cache.TryGetValue(revision, out var same) && same == entry) { cache.Remove(revision); recency.Remove(revision); }
            throw;
        }
    }

    private async Task<GraphSnapshot> BuildAsync(int revision, Func<SmartCityDbContext> live)
    {
        await using var source = live();
        var head = await GraphReplay.HeadAsync(source);
        var known = coverage;
        if (known?.Head != head)
        {
            known = (head, await GraphReplay.CoversStoredGraphAsync(source));
            coverage = known;
        }
        if (!known.Value.Covered) throw new IncompleteHistoryException();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var state = await GraphReplay.StateAtAsync(source, revision);
        var rows = state.Entities.Count + state.Relations.Count;
        if (rows > limits.MaxRows) throw new SnapshotTooLargeException(rows, limits.MaxRows);

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"smartcitygraph-asof-{revision}-{Guid.NewGuid():N}", Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared,
        }.ToString();
        var keeper = new SqliteConnection(connectionString);
        await keeper.OpenAsync();
        try
        {
            var builder = new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite(connectionString);
            configure(builder);
            var snapshot = new GraphSnapshot(revision, keeper, builder.Options,
                new SqliteReads(connectionString, listeners, NullLogger<SqliteReads>.Instance));
            await using (var target = snapshot.CreateContext())
            {
                await target.Database.MigrateAsync();
                await GraphReplay.WriteToAsync(source, state, target);
            }
            logger.LogInformation("Built the graph as of revision {Revision} ({Rows} entities and relations) in {Elapsed} ms",
                revision, rows, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return snapshot;
        }
        catch
        {
            await keeper.DisposeAsync();
            throw;
        }
    }

    private void EvictOldest()
    {
        var oldest = recency.Last!.Value;
        recency.RemoveLast();
        if (!cache.Remove(oldest, out var entry) || !entry.IsValueCreated) return;
        // A built snapshot is evicted now, so the lease released next frees it at once (evicting from a continuation
        // raced with that release: regression, GraphSnapshotsTests failed now and then); one still building, when built.
        if (entry.Value.IsCompletedSuccessfully) entry.Value.Result.Evict();
        else entry.Value.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Evict(); }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var entry in cache.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully)) entry.Value.Result.Evict();
            cache.Clear();
            recency.Clear();
        }
    }
}
