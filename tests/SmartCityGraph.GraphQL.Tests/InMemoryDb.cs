using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SmartCityGraph.Testing;

namespace SmartCityGraph.GraphQL.Tests;

/// <summary>The database engines the machinery's tests run their SQL on.</summary>
public enum TestEngine { Sqlite, Postgres }

/// <summary>
/// A test context on a database of its own, which lives exactly as long as the context: in memory on SQLite, a
/// fresh database in the test run's PostgreSQL cluster on PostgreSQL (the connection is opened by
/// <see cref="Open{TDb}"/> and closed with the context); every statement it runs is in <see cref="Log"/>.
/// </summary>
public abstract class InMemoryDb(DbConnection connection, CommandLog log, DbContextOptions options) : DbContext(options)
{
    public CommandLog Log { get; } = log;

    /// <summary>A new, created (still empty) database of <typeparamref name="TDb"/> on <paramref name="engine"/>.</summary>
    protected static TDb Open<TDb>(TestEngine engine, Func<DbConnection, CommandLog, DbContextOptions<TDb>, TDb> create) where TDb : InMemoryDb
    {
        DbConnection connection = engine == TestEngine.Postgres
            ? new NpgsqlConnection(PostgresCluster.Instance.CreateDatabase())
            : new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var log = new CommandLog();
        var options = new DbContextOptionsBuilder<TDb>();
        if (connection is NpgsqlConnection npgsql) options.UseNpgsql(npgsql);
        else options.UseSqlite(connection);
        var db = create(connection, log, options.AddInterceptors(log).Options);
        db.Database.EnsureCreated();
        return db;
    }

    public override void Dispose()
    {
        base.Dispose();
        connection.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await connection.DisposeAsync();
    }
}

/// <summary>The text of every statement a context ran, in order.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    public List<string> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Add(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
