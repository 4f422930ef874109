using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Postgres;

namespace SmartCityGraph.Server.Hosting;

internal static class DatabaseStartup
{
    /// <summary>Brings the schema up to date.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while a writer works; set once, it is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>
    /// Migrates, then seeds an empty database, or applies a changed seed/ to one an earlier seed was imported into
    /// (only the difference, as IMPORT revisions); a restart with the same seed imports nothing.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        // Instances starting together on one PostgreSQL database take turns (SQLite is one process's file).
        await using var lockScope = services.CreateAsyncScope();
        var lockContext = lockScope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
        await using var startupLock = lockContext.Database.IsNpgsql() ? await PostgresStartupLock.AcquireAsync(lockContext, ct) : null;
        await services.MigrateDatabaseAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var seedDirectory = StoragePaths.SeedDirectory(
            scope.ServiceProvider.GetRequiredService<IConfiguration>(), scope.ServiceProvider.GetRequiredService<IHostEnvironment>());
        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportOnStartAsync(seedDirectory, ct);
    }
}
