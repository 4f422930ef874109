using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SmartCityGraph.Data.Storage.Postgres;

/// <summary>
/// The PostgreSQL counterpart of <c>Sqlite/SqliteReads</c>: the hot, fixed reads run as plain Npgsql commands with
/// fixed texts and positional parameters (id lists as one array), prepared on each physical connection once and
/// reused from then on (Npgsql keeps prepared statements across pooled opens), without EF Core's per-query work.
/// </summary>
/// <remarks>
/// A connection is taken from the data source (Npgsql's pool) for one statement and given back at once; the read
/// replica's source when the request is read-only (<see cref="IReadRouting"/>), as EF Core's contexts do. Each
/// statement is counted by the <see cref="ISqlStatementListener"/>s, logged at Debug and cancelled on the server
/// (Npgsql sends a cancel request) when its request is cancelled.
/// </remarks>
public sealed class PostgresReads(PostgresDataSources sources, IReadRouting routing, IEnumerable<ISqlStatementListener> listeners, ILogger<PostgresReads> logger)
{
    private readonly ISqlStatementListener[] _listeners = [.. listeners];

    /// <summary>Runs <paramref name="statement"/> with <paramref name="values"/> ($1, $2, … in order) and reads each row.</summary>
    public async Task<List<T>> QueryAsync<T>(SqlStatement statement, object?[] values, Func<DbDataReader, T> readRow, CancellationToken ct)
    {
        var source = routing.ReadOnly ? sources.Read : sources.Primary;
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(statement.Text, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        await command.PrepareAsync(ct); // a no-op once this physical connection has prepared the text
        foreach (var listener in _listeners) listener.StatementExecuting(statement.Text);
        if (logger.IsEnabled(LogLevel.Debug)) logger.LogDebug("Executing prepared read\n{Sql}", statement.Text);
        using var span = PreparedReadTelemetry.Start("postgresql", statement);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(readRow(reader));
        return rows;
    }
}
