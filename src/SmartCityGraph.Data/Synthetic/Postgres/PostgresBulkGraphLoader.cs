using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Synthetic.Postgres;

/// <summary>
/// <see cref="IBulkGraphLoader"/> on PostgreSQL: binary <c>COPY … FROM STDIN</c> into both tables, in one
/// transaction with the secondary indexes and foreign keys set aside while loading. Building an index once over
/// a million rows (and checking the foreign keys in one pass) is far cheaper than maintaining it row by row;
/// the definitions are read from the catalog, so whatever the migrations declared comes back unchanged.
/// </summary>
public sealed class PostgresBulkGraphLoader(SmartCityDbContext db) : IBulkGraphLoader
{
    /// <summary>
    /// The tables a load fills: the graph's two, and the search's precomputed ranking, which the triggers of
    /// <c>Entities</c> fill from the COPY in one statement (so its index, too, is built once afterwards).
    /// </summary>
    private static readonly string[] Tables = ["Entities", "Relations", "SearchPostings"];

    public async Task<int> ReplaceAllAsync(
        string sourcesJson, Action<EntityRowWriter> writeEntities, Action<RelationRowWriter> writeRelations,
        IProgress<SyntheticGraphProgress>? progress, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(connection, """TRUNCATE "Relations", "Entities", "Revisions", "SearchPostings" RESTART IDENTITY""", ct);
            var setAside = await SetAsideAsync(connection, ct);

            using (var entities = new PostgresEntityRowWriter(connection, sourcesJson))
            {
                writeEntities(entities);
                entities.Complete();
            }
            // Entities come with their ids; the identity continues after the highest.
            await ExecuteAsync(connection,
                """SELECT setval(pg_get_serial_sequence('"Entities"', 'Id'), coalesce(max("Id"), 0) + 1, false) FROM "Entities" """, ct);
            int relationCount;
            using (var relations = new PostgresRelationRowWriter(connection, sourcesJson))
            {
                writeRelations(relations);
                relations.Complete();
                relationCount = relations.Written;
            }

            progress?.Report(new SyntheticGraphProgress("Indexing", 0, setAside.Count));
            for (var i = 0; i < setAside.Count; i++)
            {
                await ExecuteAsync(connection, setAside[i], ct);
                progress?.Report(new SyntheticGraphProgress("Indexing", i + 1, setAside.Count));
            }
            progress?.Report(new SyntheticGraphProgress("Committing", 0, 1));
            await transaction.CommitAsync(ct);
            // Fresh statistics, or the planner judges a million rows by the empty tables' estimates; the vacuum also
            // marks the new pages all-visible, so index-only reads (relations, the search ranking) need no table visit.
            await ExecuteAsync(connection, """VACUUM (ANALYZE) "Entities", "Relations", "SearchPostings" """, ct);
            progress?.Report(new SyntheticGraphProgress("Committing", 1, 1));
            return relationCount;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Drops the tables' foreign keys and secondary indexes; returns the statements that bring them back.</summary>
    private static async Task<List<string>> SetAsideAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var restore = new List<string>();
        var drop = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT 'index', i.indexname, i.indexdef, i.tablename
            FROM pg_indexes i
            JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = to_regnamespace(i.schemaname)
            JOIN pg_index x ON x.indexrelid = c.oid
            WHERE i.schemaname = current_schema() AND i.tablename = ANY($1) AND NOT x.indisprimary
            UNION ALL
            SELECT 'constraint', con.conname, pg_get_constraintdef(con.oid), rel.relname
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
            WHERE rel.relnamespace = to_regnamespace(current_schema()) AND rel.relname = ANY($1) AND con.contype = 'f'
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Tables });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (what, name, definition, table) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                if (what == "index")
                {
                    drop.Add($"DROP INDEX \"{name}\"");
                    restore.Add(definition);
                }
                else
                {
                    drop.Insert(0, $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\"");
                    restore.Add($"ALTER TABLE \"{table}\" ADD CONSTRAINT \"{name}\" {definition}");
                }
            }
        }
        foreach (var statement in drop) await ExecuteAsync(connection, statement, ct);
        return restore;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The COPY column type of each column the writers fill (the generated search column is left out).</summary>
    internal static NpgsqlDbType TypeOf(string column) => column switch
    {
        "Id" or "FromId" or "ToId" or "TimelineRow" => NpgsqlDbType.Integer,
        "StartDate" or "EndDate" or "AdoptedOn" or "ValidFrom" or "ValidTo" => NpgsqlDbType.Date,
        "Cancelled" or "TitleKnown" => NpgsqlDbType.Boolean,
        "Sources" => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };

    /// <summary>The plan hands dates as ISO text or as <see cref="DateOnly"/>; COPY's binary format wants the value.</summary>
    internal static object Value(string column, object value) => TypeOf(column) == NpgsqlDbType.Date && value is string text
        ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value;

    internal static string CopyCommand(string table, IEnumerable<string> columns) =>
        $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
}

/// <summary>Streams entity rows into a binary COPY.</summary>
internal sealed class PostgresEntityRowWriter : EntityRowWriter
{
    private readonly NpgsqlBinaryImporter importer;
    private readonly object?[] values = new object?[Columns.Count];
    private readonly Dictionary<string, int> index = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
    private readonly NpgsqlDbType[] types = Columns.Select(PostgresBulkGraphLoader.TypeOf).ToArray();
    private readonly string sourcesJson;

    public PostgresEntityRowWriter(NpgsqlConnection connection, string sourcesJson)
    {
        this.sourcesJson = sourcesJson;
        importer = connection.BeginBinaryImport(PostgresBulkGraphLoader.CopyCommand("Entities", Columns));
    }

    public override EntityRowWriter Set(string column, object? value)
    {
        values[index[column]] = value is null ? null : PostgresBulkGraphLoader.Value(column, value);
        return this;
    }

    public override EntityRowWriter Begin(int id, string kind, string key, string title, string? summary)
    {
        Array.Clear(values);
        values[index["Sources"]] = sourcesJson;
        return Set("Id", id).Set("Kind", kind).Set("Key", key).Set("Title", title).Set("Summary", summary);
    }

    public override void Write()
    {
        importer.StartRow();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value) importer.Write(value, types[i]);
            else importer.WriteNull();
        }
    }

    public void Complete() => importer.Complete();

    public override void Dispose()
    {
        importer.Dispose();
        base.Dispose();
    }
}

/// <summary>Streams relation rows into a binary COPY; the database numbers them.</summary>
internal sealed class PostgresRelationRowWriter : RelationRowWriter
{
    private readonly NpgsqlBinaryImporter importer;
    private readonly string sourcesJson;

    public PostgresRelationRowWriter(NpgsqlConnection connection, string sourcesJson)
    {
        this.sourcesJson = sourcesJson;
        importer = connection.BeginBinaryImport(PostgresBulkGraphLoader.CopyCommand("Relations", Columns));
    }

    public override void Write(string type, int fromId, int toId, string? role = null)
    {
        importer.StartRow();
        importer.Write(type, NpgsqlDbType.Text);
        if (role is null) importer.WriteNull(); else importer.Write(role, NpgsqlDbType.Text);
        importer.Write(fromId, NpgsqlDbType.Integer);
        importer.Write(toId, NpgsqlDbType.Integer);
        importer.WriteNull();
        importer.WriteNull();
        importer.Write(sourcesJson, NpgsqlDbType.Jsonb);
        Written++;
    }

    public void Complete() => importer.Complete();

    public override void Dispose()
    {
        importer.Dispose();
        base.Dispose();
    }
}
