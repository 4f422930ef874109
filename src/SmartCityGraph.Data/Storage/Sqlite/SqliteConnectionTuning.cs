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
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{cacheMebibytes * 1024}; PRAGMA mmap_size = {mmapBytes};";
        command.ExecuteNonQuery();
        tuned.AddOrUpdate(handle, this);
    }
}
