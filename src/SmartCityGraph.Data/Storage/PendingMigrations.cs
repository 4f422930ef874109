using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Whether a database lacks any of the migrations this build knows. On SQLite it is read with plain statements on the
/// history table: EF Core's <c>GetPendingMigrationsAsync</c> answers the same, but its history repository first
/// builds a model of that table through the whole convention set (~150 ms of a restart), and a restart with nothing
/// to migrate needs none of EF Core's services at all (<see cref="Sqlite.SqliteRestartCheck"/>).
/// </summary>
public static class PendingMigrations
{
    public static async Task<bool> AnyAsync(DatabaseFacade database, CancellationToken ct = default)
    {
        // PostgreSQL builds its model at start-up (no compiled model), so the conventions are there anyway.
        if (!database.IsSqlite()) return (await database.GetPendingMigrationsAsync(ct)).Any();
        await database.OpenConnectionAsync(ct);
        try
        {
            return AnyOnSqlite(database.GetDbConnection());
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The same on an open SQLite connection, without EF Core (the history table by EF Core's default name, which this
    /// project never changes).
    /// </summary>
    public static bool AnyOnSqlite(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        var table = command.CreateParameter();
        table.ParameterName = "$table";
        table.Value = HistoryRepository.DefaultTableName;
        command.Parameters.Add(table);
        if (Convert.ToInt64(command.ExecuteScalar()) == 0) return KnownOnSqlite.Count > 0;

        command.Parameters.Clear();
        command.CommandText = $"""SELECT "MigrationId" FROM "{HistoryRepository.DefaultTableName}" """;
        var applied = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
            while (reader.Read()) applied.Add(reader.GetString(0));
        return KnownOnSqlite.Any(id => !applied.Contains(id));
    }

    /// <summary>
    /// The SQLite migrations of this build, found as EF Core's migrations assembly finds them: the
    /// <see cref="Migration"/> types of the context's assembly that name <see cref="SmartCityDbContext"/>, by their ids.
    /// </summary>
    public static IReadOnlyList<string> KnownOnSqlite { get; } =
    [
        .. typeof(SmartCityDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(SmartCityDbContext))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id)
            .Order(StringComparer.Ordinal),
    ];
}
