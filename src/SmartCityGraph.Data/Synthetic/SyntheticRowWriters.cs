using Microsoft.Data.Sqlite;

namespace SmartCityGraph.Data.Synthetic;

/// <summary>
/// One prepared INSERT per table, rebound for every row: the bulk path that skips EF's change
/// tracker, which would need minutes and gigabytes for a million entities. Column names follow
/// the Initial migration.
/// </summary>
internal sealed class EntityRowWriter : IDisposable
{
    private static readonly string[] Columns =
    [
        "Id", "Kind", "Key", "Title", "Summary", "StartDate", "EndDate", "Category", "EventType", "RecordedStatus",
        "Cancelled", "Url", "TitleKnown", "TimelineRow", "OrganisationType", "Abbreviation", "SeedTitle", "AdoptedOn",
        "ElementType", "Sources",
    ];

    private readonly SqliteCommand command;
    private readonly Dictionary<string, SqliteParameter> parameters = [];

    public EntityRowWriter(SqliteConnection connection, SqliteTransaction transaction, string sourcesJson)
    {
        command = PreparedInsert(connection, transaction, "Entities", Columns, parameters);
        parameters["Sources"].Value = sourcesJson; // the same single source on every row
    }

    /// <summary>Sets a column for the next row; every other column of the row must be set or cleared too.</summary>
    public EntityRowWriter Set(string column, object? value)
    {
        parameters[column].Value = value ?? DBNull.Value;
        return this;
    }

    /// <summary>Clears every kind-specific column, so one kind's values never leak into the next row.</summary>
    public EntityRowWriter Begin(int id, string kind, string key, string title, string? summary)
    {
        foreach (var (name, parameter) in parameters)
            if (name != "Sources") parameter.Value = DBNull.Value;
        return Set("Id", id).Set("Kind", kind).Set("Key", key).Set("Title", title).Set("Summary", summary);
    }

    public void Write() => command.ExecuteNonQuery();

    public void Dispose() => command.Dispose();

    internal static SqliteCommand PreparedInsert(
        SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns, Dictionary<string, SqliteParameter> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$" + column;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
            parameters[column] = parameter;
        }
        command.Prepare();
        return command;
    }
}

/// <summary>Writes relations with the same prepared-statement technique as <see cref="EntityRowWriter"/>.</summary>
internal sealed class RelationRowWriter : IDisposable
{
    private static readonly string[] Columns = ["Type", "Role", "FromId", "ToId", "ValidFrom", "ValidTo", "Sources"];

    private readonly SqliteCommand command;
    private readonly Dictionary<string, SqliteParameter> parameters = [];

    public RelationRowWriter(SqliteConnection connection, SqliteTransaction transaction, string sourcesJson)
    {
        command = EntityRowWriter.PreparedInsert(connection, transaction, "Relations", Columns, parameters);
        parameters["Sources"].Value = sourcesJson;
    }

    public int Written { get; private set; }

    public void Write(string type, int fromId, int toId, string? role = null)
    {
        parameters["Type"].Value = type;
        parameters["Role"].Value = (object?)role ?? DBNull.Value;
        parameters["FromId"].Value = fromId;
        parameters["ToId"].Value = toId;
        command.ExecuteNonQuery();
        Written++;
    }

    public void Dispose() => command.Dispose();
}
