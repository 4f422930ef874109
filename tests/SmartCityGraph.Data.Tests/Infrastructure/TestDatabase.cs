using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Graph.Postgres;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Search.Postgres;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Postgres;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.Testing;

namespace SmartCityGraph.Data.Tests.Infrastructure;

/// <summary>
/// A private database with every migration of its provider applied: on SQLite in memory (it lives as long as the
/// object), on PostgreSQL a fresh copy of the migrated template in the test run's cluster. With the provider's
/// prepared reads (<see cref="Reader"/>), which run on connections of their own.
/// </summary>
public abstract class TestDatabase : IDisposable, ISqlStatementListener
{
    public abstract DatabaseProvider Provider { get; }

    public static TestDatabase Create(DatabaseProvider provider) =>
        provider == DatabaseProvider.Postgres ? new PostgresTestDatabase() : new SqliteTestDatabase();

    public abstract SmartCityDbContext CreateContext();

    /// <summary>The prepared reads of the graph, on this database.</summary>
    public abstract IGraphReader Reader { get; }

    /// <summary>The provider's search index on this database.</summary>
    public abstract ISearchIndex SearchIndex();

    /// <summary>The text of every statement <see cref="Reader"/> ran, in order.</summary>
    public List<string> ReaderStatements { get; } = [];

    public void StatementExecuting(string sql) => ReaderStatements.Add(sql);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    // Shared-cache, so the prepared reads (on connections of their own) see what the contexts wrote.
    private readonly string _connectionString = $"Data Source=file:test-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private readonly SqliteConnection _connection;

    public SqliteTestDatabase()
    {
        _connection = new SqliteConnection(_connectionString);
        _connection.Open();
        using var db = CreateContext();
        db.Database.Migrate();
        Reads = new SqliteReads(_connectionString, [this], NullLogger<SqliteReads>.Instance);
        Rows = new ModelRows(db.Model);
        Reader = new SqliteGraphReader(Reads, Rows);
    }

    /// <summary>Prepared statements on this database, on connections of their own.</summary>
    public SqliteReads Reads { get; }

    /// <summary>Opens further connections to this database (shared cache, in memory).</summary>
    public string ConnectionString => _connectionString;

    public ModelRows Rows { get; }

    public override IGraphReader Reader { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override SmartCityDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite(_connection).Options);

    public override ISearchIndex SearchIndex() => new SqliteSearchIndex(Reads, Rows);

    public override void Dispose()
    {
        Reads.Dispose();
        _connection.Dispose();
        base.Dispose();
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresDataSources _sources;

    public PostgresTestDatabase()
    {
        ConnectionString = SmartCityPostgres.CreateDatabase();
        _sources = new PostgresDataSources(new StorageOptions(DatabaseProvider.Postgres, ConnectionString));
        using var db = CreateContext();
        Reads = new PostgresReads(_sources, new PrimaryRouting(), [this], NullLogger<PostgresReads>.Instance);
        Rows = new ModelRows(db.Model);
        Reader = new PostgresGraphReader(Reads, Rows);
    }

    public string ConnectionString { get; }

    public PostgresReads Reads { get; }

    public ModelRows Rows { get; }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override IGraphReader Reader { get; }

    public override SmartCityDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Postgres, ConnectionString);
        return new SmartCityDbContext(options.Options);
    }

    public override ISearchIndex SearchIndex() => new PostgresSearchIndex(Reads, Rows);

    public override void Dispose()
    {
        _sources.Dispose();
        using (var connection = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(connection);
        base.Dispose();
    }

    private sealed class PrimaryRouting : IReadRouting
    {
        public bool ReadOnly => false;
    }
}
