using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartCityGraph.GraphQL.Tests;

/// <summary>
/// A test context on its own in-memory SQLite database, which lives exactly as long as the context
/// (the connection is opened by <see cref="Open{TDb}"/> and closed with the context); every statement it
/// runs is in <see cref="Log"/>.
/// </summary>
public abstract class InMemoryDb(SqliteConnection connection, CommandLog log, DbContextOptions options) : DbContext(options)
{
    public CommandLog Log { get; } = log;

    /// <summary>A new, created (still empty) database of <typeparamref name="TDb"/>.</summary>
    protected static TDb Open<TDb>(Func<SqliteConnection, CommandLog, DbContextOptions<TDb>, TDb> create) where TDb : InMemoryDb
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var log = new CommandLog();
        var db = create(connection, log, new DbContextOptionsBuilder<TDb>().UseSqlite(connection).AddInterceptors(log).Options);
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
