using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// Per-connection SQLite settings for a read-heavy server: a page cache large enough to keep a hot
/// graph's index pages in the process (the default is 2 MB), and memory-mapped reads, which spare a
/// system call and a copy per page. Applied once per native connection; the pool reuses them.
/// </summary>
public sealed class SqliteConnectionTuning(int cacheMebibytes = 64, long mmapBytes = 2_147_418_112) : DbConnectionInterceptor
{
    /// <summary>
    /// The database file's journal, set by start-up: WAL lets readers run while a writer works. Set once, it is stored
    /// in the file (later runs are no-ops).
    /// </summary>
    public const string WriteAheadLog = "PRAGMA journal_mode=WAL;";

    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> tuned = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Tune(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    private void Tune(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || tuned.TryGetValue(handle, out _)) return;
        // EF Core probes whether the file exists through a read-only connection. The pragmas read the
        // schema, and reading the schema of a file left with a hot journal (a killed writer) means
        // rolling it back, which a read-only connection cannot: SQLITE_READONLY instead of a start.
        // A probe needs no cache; the first read-write connection rolls the journal back as it should.
        if (SQLitePCL.raw.sqlite3_db_readonly(handle, "main") == 1) return;
        Apply(sqlite);
        tuned.AddOrUpdate(handle, this);
    }

    /// <summary>Applies the settings to an open connection (for connections EF Core does not open).</summary>
    public void Apply(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{cacheMebibytes * 1024}; PRAGMA mmap_size = {mmapBytes};";
        command.ExecuteNonQuery();
    }
}
