using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Whether a database lacks any of the migrations this build knows. On SQLite it is read with one plain statement on
/// the history table: EF Core's <c>GetPendingMigrationsAsync</c> answers the same, but its history repository first
/// builds a model of that table through the whole convention set, and with the compiled model the rest of start-up
/// needs no conventions, so that alone was ~150 ms of a restart.
/// </summary>
public static class PendingMigrations
{
    public static async Task<bool> AnyAsync(DatabaseFacade database, CancellationToken ct = default)
    {
        // PostgreSQL builds its model at start-up (no compiled model), so the conventions are there anyway.
        if (!database.IsSqlite()) return (await database.GetPendingMigrationsAsync(ct)).Any();
        var known = database.GetMigrations().ToList();
        if (!await database.GetService<IHistoryRepository>().ExistsAsync(ct)) return known.Count > 0;

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await database.OpenConnectionAsync(ct);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = AppliedMigrationsSql(database);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
        return known.Any(id => !applied.Contains(id));
    }

    /// <summary>The history table as the options name it (EF Core's default unless configured), and its id column.</summary>
    private static string AppliedMigrationsSql(DatabaseFacade database)
    {
        var sql = database.GetService<ISqlGenerationHelper>();
        var options = RelationalOptionsExtension.Extract(database.GetService<IDbContextOptions>());
        var table = sql.DelimitIdentifier(options.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName, options.MigrationsHistoryTableSchema);
        return $"SELECT {sql.DelimitIdentifier("MigrationId")} FROM {table}";
    }
}
