using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Testing;

namespace SmartCityGraph.Data.Tests.Infrastructure;

/// <summary>
/// A private database with every migration of its provider applied: on SQLite in memory (it lives as long as the
/// object), on PostgreSQL a fresh copy of the migrated template in the test run's cluster.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public static TestDatabase Create(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? new PostgresTestDatabase() : new SqliteTestDatabase();

    public abstract SmartCityDbContext CreateContext();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteTestDatabase()
    {
        _connection.Open();
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override SmartCityDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite(_connection).Options);

    public override void Dispose()
    {
        _connection.Dispose();
        base.Dispose();
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    public PostgresTestDatabase() => ConnectionString = SmartCityPostgres.CreateDatabase();

    public string ConnectionString { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override SmartCityDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Postgres, ConnectionString);
        return new SmartCityDbContext(options.Options);
    }

    public override void Dispose()
    {
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        base.Dispose();
    }
}
