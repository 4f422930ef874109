using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Postgres;
using SmartCityGraph.Data.Storage.Sqlite;

namespace SmartCityGraph.Server.Hosting;

internal static class DatabaseStartup
{
    /// <summary>Brings the schema up to date.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
        // A restart on an up-to-date database needs one read of the migration history, not Migrate: that takes
        // a lock, writes the lock table and compares the model with the migrations on every start.
        var pending = await PendingMigrations.AnyAsync(db.Database, ct);
        if (pending && db.Database.IsSqlite())
            await SqliteMigrationGuard.MigrateAsync(db, ct); // survives a process killed while migrating
        else if (pending)
        {
            // A migration takes what the data needs (filling the search ranking of a million entities takes minutes),
            // not a query's 30 s: it runs once, under the start-up lock, before anything is served.
            db.Database.SetCommandTimeout(0);
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync(SqliteConnectionTuning.WriteAheadLog, ct);
    }

    /// <summary>
    /// Migrates, then seeds an empty database, or applies a changed seed/ to one an earlier seed was imported into
    /// (only the difference, as IMPORT revisions); a restart with the same seed imports nothing.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var storage = services.GetRequiredService<StorageOptions>();
        var seedDirectory = StoragePaths.SeedDirectory(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
        // A SQLite restart with nothing to do asks in plain SQL: EF Core's query pipeline is then built after the first
        // answer (WarmUpEfCoreAsync, which the server runs after its first response), not before it.
        if (storage.Provider == DatabaseProvider.Sqlite && SqliteRestartCheck.NothingToPrepare(storage.ConnectionString, seedDirectory)) return;

        // Instances starting together on one PostgreSQL database take turns (SQLite is one process's file).
        await using var lockScope = services.CreateAsyncScope();
        var lockContext = lockScope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
        await using var startupLock = lockContext.Database.IsNpgsql() ? await PostgresStartupLock.AcquireAsync(lockContext, ct) : null;
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportOnStartAsync(seedDirectory, ct);
    }

    /// <summary>
    /// Runs one query through EF Core, so that its relational model and query pipeline are built before a request needs
    /// them (a count, facets, an edit) rather than by it: ~300 ms of CPU after a restart that skipped EF Core's queries.
    /// </summary>
    public static async Task WarmUpEfCoreAsync(this IServiceProvider services, ILogger logger)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SmartCityDbContext>().Entities.AsNoTracking().AnyAsync();
        }
        catch (Exception e)
        {
            // Only a warm-up: the first request that needs EF Core builds the same (and reports what fails).
            logger.LogWarning(e, "Warming up EF Core failed.");
        }
    }
}
