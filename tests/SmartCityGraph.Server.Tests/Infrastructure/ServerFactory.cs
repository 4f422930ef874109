using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Testing;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a database of its own — a SQLite file, or a fresh database in the test run's
/// PostgreSQL cluster — seeded from the repository's seed/ on start, with SQL statement counting on and a fixed
/// "today" so derived statuses are reproducible.
/// </summary>
public class ServerFactory(DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgresConnectionString = null) : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Today = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private string? postgres = postgresConnectionString;

    public DatabaseProvider Provider => provider;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("smartcitygraph-test").FullName;

    /// <summary>The PostgreSQL database's connection string (created on first use); null on SQLite.</summary>
    public string? PostgresConnectionString =>
        provider == DatabaseProvider.Postgres ? postgres ??= SmartCityPostgres.CreateDatabase() : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Diagnostics:ReportSqlStatements", "true");
        if (provider == DatabaseProvider.Postgres)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:SmartCity", PostgresConnectionString);
        }
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Today)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
    }
}

/// <summary>A clock that stands still.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
