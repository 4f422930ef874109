using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Synthetic.Sqlite;

/// <summary>
/// <see cref="IBulkGraphLoader"/> on SQLite: through the context's own connection, with prepared INSERTs
/// rebound for every row in one transaction, durability off while loading (see <see cref="BulkLoadPragmas"/>).
/// </summary>
public sealed class SqliteBulkGraphLoader(SmartCityDbContext db) : IBulkGraphLoader
{
    public async Task<int> ReplaceAllAsync(
        string sourcesJson, Action<EntityRowWriter> writeEntities, Action<RelationRowWriter> writeRelations,
        IProgress<SyntheticGraphProgress>? progress, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            using var pragmas = BulkLoadPragmas.Apply(connection);
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "DELETE FROM \"Relations\"; DELETE FROM \"Entities\"; DELETE FROM \"Revisions\";"); // the old history described a graph that is gone; the synthetic one has none
            using (var entities = new SqliteEntityRowWriter(connection, transaction, sourcesJson))
                writeEntities(entities);
            int relationCount;
            using (var relations = new SqliteRelationRowWriter(connection, transaction, sourcesJson))
            {
                writeRelations(relations);
                relationCount = relations.Written;
            }
            progress?.Report(new SyntheticGraphProgress("Committing", 0, 1));
            transaction.Commit();
            progress?.Report(new SyntheticGraphProgress("Committing", 1, 1));
            return relationCount;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Durability off while bulk loading (a crash mid-way leaves a file to regenerate anyway), and
/// the previous settings back afterwards, so the server later runs with its normal WAL journal.
/// </summary>
internal sealed class BulkLoadPragmas : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly string journalMode;
    private readonly long synchronous;

    private BulkLoadPragmas(SqliteConnection connection)
    {
        this.connection = connection;
        journalMode = Scalar<string>("PRAGMA journal_mode;");
        synchronous = Scalar<long>("PRAGMA synchronous;");
        SqliteBulkGraphLoader.Execute(connection, null,
            "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
    }

    public static BulkLoadPragmas Apply(SqliteConnection connection) => new(connection);

    public void Dispose() =>
        SqliteBulkGraphLoader.Execute(connection, null, $"PRAGMA journal_mode={journalMode}; PRAGMA synchronous={synchronous};");

    private T Scalar<T>(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }
}

/// <summary>One prepared INSERT, rebound for every row.</summary>
internal sealed class SqliteEntityRowWriter : EntityRowWriter
{
    private readonly SqliteCommand command;
    private readonly Dictionary<string, SqliteParameter> parameters = [];

    public SqliteEntityRowWriter(SqliteConnection connection, SqliteTransaction transaction, string sourcesJson)
    {
        command = PreparedInsert(connection, transaction, "Entities", Columns, parameters);
        parameters["Sources"].Value = sourcesJson; // the same single source on every row
    }

    public override EntityRowWriter Set(string column, object? value)
    {
        parameters[column].Value = value ?? DBNull.Value;
        return this;
    }

    public override EntityRowWriter Begin(int id, string kind, string key, string title, string? summary)
    {
        foreach (var (name, parameter) in parameters)
            if (name != "Sources") parameter.Value = DBNull.Value;
        return Set("Id", id).Set("Kind", kind).Set("Key", key).Set("Title", title).Set("Summary", summary);
    }

    public override void Write() => command.ExecuteNonQuery();

    public override void Dispose()
    {
        command.Dispose();
        base.Dispose();
    }

    internal static SqliteCommand PreparedInsert(
        SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns, Dictionary<string, SqliteParameter> parameters)
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

/// <summary>Writes relations with the same prepared-statement technique as <see cref="SqliteEntityRowWriter"/>.</summary>
internal sealed class SqliteRelationRowWriter : RelationRowWriter
{
    private readonly SqliteCommand command;
    private readonly Dictionary<string, SqliteParameter> parameters = [];

    public SqliteRelationRowWriter(SqliteConnection connection, SqliteTransaction transaction, string sourcesJson)
    {
        command = SqliteEntityRowWriter.PreparedInsert(connection, transaction, "Relations", Columns, parameters);
        parameters["Sources"].Value = sourcesJson;
    }

    public override void Write(string type, int fromId, int toId, string? role = null)
    {
        parameters["Type"].Value = type;
        parameters["Role"].Value = (object?)role ?? DBNull.Value;
        parameters["FromId"].Value = fromId;
        parameters["ToId"].Value = toId;
        command.ExecuteNonQuery();
        Written++;
    }

    public override void Dispose()
    {
        command.Dispose();
        base.Dispose();
    }
}
