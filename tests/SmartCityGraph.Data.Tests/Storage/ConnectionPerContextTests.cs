using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>On both engines: one connection open per leased context, closed (back in the provider's pool) when the context is returned.</summary>
public abstract class ConnectionPerContextTests(DatabaseProvider engine) : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"connection-per-context-{Guid.NewGuid():N}.db");
    private string? _postgres;

    private string ConnectionString => engine == DatabaseProvider.Postgres
        ? _postgres ??= SmartCityGraph.Testing.SmartCityPostgres.CreateDatabase()
        : $"Data Source={_file}";

    [SkippableFact]
    public async Task A_pooled_context_opens_its_connection_once_however_many_queries_and_closes_it_when_returned()
    {
        var opens = new OpenCounter();
        var services = new ServiceCollection();
        services.AddDbContextPool<SmartCityDbContext>(o => o.UseSmartCityDatabase(engine, ConnectionString).AddInterceptors(new ConnectionPerContext(), opens));
        await using var container = services.BuildServiceProvider();
        await using (var scope = container.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SmartCityDbContext>().Database.MigrateAsync();
        opens.Count = 0;

        DbConnection connection;
        await using (var scope = container.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
            for (var i = 0; i < 5; i++) await db.Entities.CountAsync();
            Assert.Equal(1, opens.Count);
            connection = db.Database.GetDbConnection();
            Assert.Equal(ConnectionState.Open, connection.State);
        }
        // Back in the pool: closed, so the native connection went back to the provider's pool.
        Assert.Equal(ConnectionState.Closed, connection.State);

        await using (var scope = container.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
            await db.Entities.CountAsync();
            await db.Relations.CountAsync();
        }
        Assert.Equal(2, opens.Count); // once per lease of the context
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        File.Delete(_file);
    }

    private sealed class OpenCounter : DbConnectionInterceptor
    {
        public int Count { get; set; }

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Count++;

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Count++;
            return Task.CompletedTask;
        }
    }
}

public sealed class ConnectionPerContextTestsOnSqlite() : ConnectionPerContextTests(DatabaseProvider.Sqlite);

public sealed class ConnectionPerContextTestsOnPostgres() : ConnectionPerContextTests(DatabaseProvider.Postgres);
