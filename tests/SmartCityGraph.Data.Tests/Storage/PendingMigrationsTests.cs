using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>On both engines: <see cref="PendingMigrations"/> answers as EF Core's <c>GetPendingMigrationsAsync</c> does.</summary>
public abstract class PendingMigrationsTests(DatabaseProvider engine) : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"pending-migrations-{Guid.NewGuid():N}.db");
    private string? _postgres;

    private SmartCityDbContext Context()
    {
        var connectionString = engine == DatabaseProvider.Postgres
            ? _postgres ??= SmartCityGraph.Testing.PostgresCluster.Instance.CreateDatabase() // empty: no migration applied
            : $"Data Source={_file}";
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(engine, connectionString);
        return new SmartCityDbContext(options.Options);
    }

    [SkippableFact]
    public async Task A_new_database_a_partly_migrated_one_and_an_up_to_date_one()
    {
        await using var db = Context();
        Assert.True(await PendingMigrations.AnyAsync(db.Database)); // no history table yet
        Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());

        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
        Assert.True(await PendingMigrations.AnyAsync(db.Database)); // the last one is missing
        Assert.Equal([migrations[^1]], await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();
        Assert.False(await PendingMigrations.AnyAsync(db.Database));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        File.Delete(_file);
    }
}

public sealed class PendingMigrationsTestsOnSqlite() : PendingMigrationsTests(DatabaseProvider.Sqlite);

public sealed class PendingMigrationsTestsOnPostgres() : PendingMigrationsTests(DatabaseProvider.Postgres);
