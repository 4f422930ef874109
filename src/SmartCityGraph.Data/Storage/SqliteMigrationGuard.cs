using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Migrates a SQLite database so that a process killed mid-way does not lock every later start out.
/// EF Core's migration lock on SQLite is a row in <c>__EFMigrationsLock</c>, taken by every <c>Migrate</c> (even with
/// nothing pending) and deleted afterwards; a SIGKILL in between leaves the row, and every later <c>Migrate</c> waits
/// for it forever (dotnet/efcore#38958). Here processes first take an operating-system lock on a file beside the
/// database (released by the kernel when its holder dies), so whoever holds it knows any lock row left is orphaned
/// and removes it.
/// </summary>
public static class SqliteMigrationGuard
{
    private const string LockTable = "__EFMigrationsLock";

    public static async Task MigrateAsync(SmartCityDbContext db, CancellationToken ct = default)
    {
        var file = DatabaseFile(db);
        if (file is null)
        {
            await db.Database.MigrateAsync(ct); // in-memory: no other process can share it
            return;
        }
        await using var processLock = await AcquireAsync(file + ".migrating", ct);
        await ClearOrphanedLockAsync(db, ct);
        await db.Database.MigrateAsync(ct);
    }

    private static string? DatabaseFile(SmartCityDbContext db)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:"
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>An exclusive lock (flock on Linux, a share lock on Windows) that lives as long as the process holding it.</summary>
    private static async Task<FileStream> AcquireAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(100, ct); // another process is migrating this database right now
            }
        }
    }

    private static async Task ClearOrphanedLockAsync(SmartCityDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{LockTable}'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct)) == 0) return;
            await using var clear = connection.CreateCommand();
            clear.CommandText = $"DELETE FROM \"{LockTable}\"";
            await clear.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
