using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Infrastructure;

/// <summary>A private in-memory SQLite database with every migration applied; lives as long as the object.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TestDatabase()
    {
        _connection.Open();
        using var db = CreateContext();
        db.Database.Migrate();
    }

    public SmartCityDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite(_connection).Options);

    public void Dispose() => _connection.Dispose();
}
