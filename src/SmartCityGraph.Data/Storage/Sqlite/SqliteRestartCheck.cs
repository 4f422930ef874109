using Microsoft.Data.Sqlite;
using SmartCityGraph.Data.Seeding;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// A restart's question on SQLite, "is there anything to migrate or to seed?", answered with plain statements on a
/// connection of its own. The answer is usually no, and asking through EF Core built its services, its relational model
/// and its query pipeline first: ~600 ms of CPU, before the first answer on a 2-core machine. When the answer is yes
/// (a new file, a pending migration, a changed seed), start-up goes the whole way through EF Core as before.
/// </summary>
public static class SqliteRestartCheck
{
    /// <summary>
    /// True when every migration this build knows is applied and <see cref="SeedImporter.ImportOnStartAsync"/> would
    /// import nothing from <paramref name="seedDirectory"/>. Also sets WAL, as the migrating start-up does.
    /// </summary>
    public static bool NothingToPrepare(string connectionString, string seedDirectory)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (PendingMigrations.AnyOnSqlite(connection)) return false;
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT EXISTS (SELECT 1 FROM "Entities")""";
        var hasEntities = Convert.ToInt64(command.ExecuteScalar()) == 1;
        // The latest IMPORT revision's comment, as SeedImporter reads it (the action is stored by its name).
        command.CommandText = """SELECT "Comment" FROM "Revisions" WHERE "Action" = 'Import' ORDER BY "Number" DESC LIMIT 1""";
        var lastImport = command.ExecuteScalar() as string;
        if (SeedImporter.ImportsOnStart(hasEntities, lastImport, seedDirectory)) return false;
        command.CommandText = SqliteConnectionTuning.WriteAheadLog;
        command.ExecuteNonQuery();
        return true;
    }
}
