using Microsoft.Data.Sqlite;
using SmartCityGraph.Data.Storage.Sqlite;

namespace SmartCityGraph.Data.Tests.Storage;

public sealed class SqliteConnectionTuningTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("scg-tuning-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_read_only_probe_of_a_file_with_a_hot_journal_opens_and_the_next_writer_rolls_it_back()
    {
        // Regression: `generate` killed mid-insert leaves a hot rollback journal. EF Core's first step
        // on the next start is a read-only probe; tuning that connection read the schema, which needs
        // the journal rolled back, which a read-only connection cannot do: SQLITE_READONLY, no start.
        var crashed = CopyTakenDuringASpilledTransaction();
        Assert.True(File.Exists(crashed + "-journal"), "the copy has no journal: the arrangement did not spill");
        var tuning = new SqliteConnectionTuning(cacheMebibytes: 1);

        using (var probe = new SqliteConnection($"Data Source={crashed};Mode=ReadOnly;Pooling=False"))
        {
            probe.Open();
            tuning.ConnectionOpened(probe, null!); // threw SQLITE_READONLY before the fix
        }

        using var writer = new SqliteConnection($"Data Source={crashed};Pooling=False");
        writer.Open();
        tuning.ConnectionOpened(writer, null!);
        using var count = writer.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(100L, (long)count.ExecuteScalar()!); // the uncommitted rows rolled back
        Assert.False(File.Exists(crashed + "-journal"));
    }

    [Fact]
    public void A_read_write_connection_gets_the_cache_and_memory_map()
    {
        var path = Path.Combine(folder, "plain.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        new SqliteConnectionTuning(cacheMebibytes: 3, mmapBytes: 1 << 20).ConnectionOpened(connection, null!);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        Assert.Equal(-3L * 1024, (long)command.ExecuteScalar()!);
        command.CommandText = "PRAGMA mmap_size";
        Assert.Equal(1L << 20, (long)command.ExecuteScalar()!);
    }

    /// <summary>
    /// What a writer killed mid-transaction leaves behind: a rollback-journal transaction whose pages
    /// spilled into the file (a tiny cache forces it), copied with its journal while still open.
    /// </summary>
    private string CopyTakenDuringASpilledTransaction()
    {
        var original = Path.Combine(folder, "original.db");
        using var connection = new SqliteConnection($"Data Source={original};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=DELETE; PRAGMA cache_size=10; CREATE TABLE t(x INTEGER, pad TEXT);");
        Execute(connection, "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 100) INSERT INTO t SELECT v, hex(randomblob(100)) FROM n;");
        using var transaction = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 20000) INSERT INTO t SELECT v, hex(randomblob(200)) FROM n;";
            insert.ExecuteNonQuery();
        }
        var crashed = Path.Combine(folder, "crashed.db");
        File.Copy(original, crashed);
        File.Copy(original + "-journal", crashed + "-journal");
        transaction.Rollback();
        return crashed;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
