using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SmartCityGraph.Data.Storage.Postgres;

/// <summary>
/// Serialises the start-up work (migrations, then the seed import of an empty database) of several instances
/// starting together on one PostgreSQL database: a session-level advisory lock held from before the migrations
/// until the seed is in. EF Core's own migration lock does not cover the whole run — an instance starting while
/// another commits its migrations one by one read a history between two of them and applied one again — and it
/// does not cover the seeding at all.
/// </summary>
public sealed class PostgresStartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key (any constant the application owns: "SCGstart").</summary>
    private const long Key = 0x5343_4753_7461_7274;

    private readonly NpgsqlConnection connection;

    private PostgresStartupLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Creates the database if it is missing (another instance may do so at the same moment), then waits for the lock.</summary>
    public static async Task<PostgresStartupLock> AcquireAsync(SmartCityDbContext db, CancellationToken ct = default)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync(ct)) await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // The other instance created it first: what this one wanted.
        }
        // A connection of its own, outside the pools: the lock lives exactly as long as this connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            // As long as the holder works: migrating and seeding take what the data needs, and a busy machine took the
            // seed import past the default 30 s, which failed the waiting instance's start. A holder that dies releases
            // the lock with its connection, so the wait ends either way (or with ct).
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(ct);
            return new PostgresStartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await connection.DisposeAsync(); // closing the session releases the lock in any case
        }
    }
}
