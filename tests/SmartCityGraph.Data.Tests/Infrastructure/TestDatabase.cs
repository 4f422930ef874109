using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Sqlite;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Infrastructure;

/// <summary>
/// A private in-memory SQLite database with every migration applied; lives as long as the object. Shared-cache,
/// so the prepared reads (<see cref="Reader"/>, on connections of their own) see what the contexts wrote.
/// </summary>
public sealed class TestDatabase : IDisposable, ISqlStatementListener
{
    private readonly string _connectionString = $"Data Source=file:test-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private readonly SqliteConnection _connection;
    private readonly SqliteReads _reads;

    public TestDatabase()
    {
        _connection = new SqliteConnection(_connectionString);
        _connection.Open();
        using var db = CreateContext();
        db.Database.Migrate();
        _reads = new SqliteReads(_connectionString, [this], NullLogger<SqliteReads>.Instance);
        Rows = new ModelRows(db.Model);
        Reader = new SqliteGraphReader(_reads, Rows);
    }

    /// <summary>Prepared statements on this database, on connections of their own.</summary>
    public SqliteReads Reads => _reads;

    public ModelRows Rows { get; }

    /// <summary>The prepared reads of the graph, on this database.</summary>
    public IGraphReader Reader { get; }

    /// <summary>The text of every statement <see cref="Reader"/> ran, in order.</summary>
    public List<string> ReaderStatements { get; } = [];

    public SmartCityDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite(_connection).Options);

    public void StatementExecuting(string sql) => ReaderStatements.Add(sql);

    public void Dispose()
    {
        _reads.Dispose();
        _connection.Dispose();
    }
}
