using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>
/// The prepared reads' own reader and binding (<see cref="SqliteStatementReader"/>, <see cref="SqlitePreparedStatement"/>):
/// every value reads as Microsoft.Data.Sqlite's <see cref="SqliteDataReader"/> reads it (or fails as it fails), every
/// parameter binds as a <see cref="SqliteParameter"/> binds it, and the statements stay prepared, report their errors
/// as <see cref="SqliteException"/>s, wait for a locked database and stop when cancelled.
/// </summary>
public sealed class SqliteStatementReaderTests : IDisposable
{
    // Shared-cache, so the prepared reads (on connections of their own) see what this connection wrote.
    private readonly string _connectionString = $"Data Source=file:reader-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private readonly SqliteConnection _keeper;
    private readonly SqliteReads _reads;

    public SqliteStatementReaderTests()
    {
        _keeper = new SqliteConnection(_connectionString);
        _keeper.Open();
        _reads = new SqliteReads(_connectionString, [], NullLogger<SqliteReads>.Instance);
    }

    public void Dispose()
    {
        _reads.Dispose();
        _keeper.Dispose();
    }

    /// <summary>Stored values of every storage class, with the edges of each conversion the reads make.</summary>
    private static readonly string[] StoredValues =
    [
        "NULL", "0", "1", "-1", "255", "256", "32768", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
        "0.0", "1.5", "-2.25", "1e308", "2459000.5", "2459000",
        "''", "'Grüße – 東京 🚀'", "'a' || char(0) || 'b'", "'true'", "'42'", "' 7 '",
        // Dates: the model's form (the fast path), its edges, and text only the general parser decides on.
        "'2021-06-01'", "'0001-01-01'", "'9999-12-31'", "'2024-02-29'", "'2023-02-29'", "'0000-01-01'", "'2021-13-01'", "'2021-00-10'",
        "'2021-6-1'", "'2021/06/01'", "' 2021-06-01'", "'2021-06-01 '", "'x021-06-01'", "'2021-06-0x'", "'2021_06_01'", "'٢٠٢١-٠٦-٠١'",
        "'2021-06-01T10:00:00'", "'01.06.2021'", "'June 1, 2021'",
        // Date-times as EF Core stores them, with a zone, and not dates at all.
        "'2021-06-01 12:34:56.1234567'", "'2021-06-01 12:34:56'", "'2021-06-01T12:34:56Z'", "'2021-06-01T12:34:56+02:00'", "'not a date'",
        "x''", "x'00ff'", "x'32303231'",
    ];

    private static readonly (string Name, Func<DbDataReader, int, object?> Read)[] Getters =
    [
        ("IsDBNull", (r, i) => r.IsDBNull(i)),
        ("GetValue", (r, i) => r.GetValue(i)),
        ("GetInt64", (r, i) => r.GetInt64(i)),
        ("GetInt32", (r, i) => r.GetInt32(i)),
        ("GetInt16", (r, i) => r.GetInt16(i)),
        ("GetByte", (r, i) => r.GetByte(i)),
        ("GetBoolean", (r, i) => r.GetBoolean(i)),
        ("GetDouble", (r, i) => r.GetDouble(i)),
        ("GetFloat", (r, i) => r.GetFloat(i)),
        ("GetString", (r, i) => r.GetString(i)),
        ("GetDateTime", (r, i) => r.GetDateTime(i)),
        ("GetFieldValue<DateOnly>", (r, i) => r.GetFieldValue<DateOnly>(i)),
        ("GetFieldValue<DateTime>", (r, i) => r.GetFieldValue<DateTime>(i)),
        ("GetFieldValue<bool>", (r, i) => r.GetFieldValue<bool>(i)),
        ("GetFieldValue<byte>", (r, i) => r.GetFieldValue<byte>(i)),
        ("GetFieldValue<short>", (r, i) => r.GetFieldValue<short>(i)),
        ("GetFieldValue<int>", (r, i) => r.GetFieldValue<int>(i)),
        ("GetFieldValue<long>", (r, i) => r.GetFieldValue<long>(i)),
        ("GetFieldValue<double>", (r, i) => r.GetFieldValue<double>(i)),
        ("GetFieldValue<float>", (r, i) => r.GetFieldValue<float>(i)),
        ("GetFieldValue<string>", (r, i) => r.GetFieldValue<string>(i)),
        ("GetFieldValue<object>", (r, i) => r.GetFieldValue<object>(i)),
    ];

    [Fact]
    public void Every_stored_value_reads_as_Microsoft_Data_Sqlite_reads_it()
    {
        Execute("CREATE TABLE t (v)");
        foreach (var value in StoredValues) Execute($"INSERT INTO t (v) VALUES ({value})");
        var sql = "SELECT v, 'column two' AS Second FROM t ORDER BY rowid";

        List<string> Outcomes(DbDataReader reader)
        {
            var outcomes = new List<string> { $"{reader.FieldCount} columns: {reader.GetName(0)}, {reader.GetName(1)} ({reader.GetOrdinal("second")})" };
            var row = 0;
            while (reader.Read())
            {
                foreach (var (name, read) in Getters) outcomes.Add($"{StoredValues[row]} {name}: {Outcome(() => read(reader, 0))}");
                row++;
            }
            return outcomes;
        }

        using var command = _keeper.CreateCommand();
        command.CommandText = sql;
        List<string> expected;
        using (var reader = command.ExecuteReader()) expected = Outcomes(reader);
        var actual = _reads.Query(new SqlStatement(sql), [], 0, (reader, _) => Outcomes(reader), default);

        Assert.Equal(StoredValues.Length * Getters.Length + 1, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
        Assert.Contains("'2021-06-01' GetFieldValue<DateOnly>: DateOnly:2021-06-01", actual);
        Assert.Contains("'a' || char(0) || 'b' GetString: String:a\0b", actual);
        Assert.Contains("NULL GetInt32: throws InvalidOperationException: The data is NULL at ordinal 0. This method can't be called on NULL values. Check using IsDBNull before calling.", actual);
    }

    [Fact]
    public void A_reader_reads_only_on_a_row_and_not_past_its_columns()
    {
        Execute("CREATE TABLE t (v)");
        Execute("INSERT INTO t (v) VALUES (NULL)");
        var sql = "SELECT v FROM t";

        static List<string> Outcomes(DbDataReader reader)
        {
            var outcomes = new List<string> { $"before: {Outcome(() => reader.IsDBNull(0))}" };
            outcomes.Add($"read: {reader.Read()}, past the columns: {Outcome(() => reader.IsDBNull(1))}, {Outcome(() => reader.GetValue(-1))}");
            outcomes.Add($"read: {reader.Read()}, after: {Outcome(() => reader.GetValue(0))}, read again: {reader.Read()}");
            return outcomes;
        }

        using var command = _keeper.CreateCommand();
        command.CommandText = sql;
        using var expected = command.ExecuteReader();
        Assert.Equal(Outcomes(expected), _reads.Query(new SqlStatement(sql), [], 0, (reader, _) => Outcomes(reader), default));
    }

    [Fact]
    public void Whole_entities_and_relations_of_every_kind_read_as_through_Microsoft_Data_Sqlite()
    {
        using var database = (SqliteTestDatabase)TestDatabase.Create(DatabaseProvider.Sqlite);
        using (var db = database.CreateContext())
        {
            // Every kind twice: each member set to a value of its type, then each nullable one left NULL (and text empty).
            var kinds = typeof(Entity).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Entity)) && !t.IsAbstract).ToList();
            var entities = kinds.SelectMany(kind => new[] { Sample(kind, full: true), Sample(kind, full: false) }).ToList();
            db.AddRange(entities);
            db.SaveChanges();
            db.AddRange(entities.Skip(1).Select((to, i) => new Relation
            {
                FromId = entities[i].Id, ToId = to.Id, Type = Enum.GetValues<RelationType>()[i % Enum.GetValues<RelationType>().Length],
                Role = i % 2 == 0 ? null : $"Rolle {i} – ü", ValidFrom = i % 2 == 0 ? null : new DateOnly(2020, 1, 1).AddDays(i),
                ValidTo = i % 3 == 0 ? null : new DateOnly(2030, 12, 31), Sources = [new Source { Title = "test" }],
            }));
            db.SaveChanges();
            Assert.Equal(kinds.Count, db.Entities.Select(e => e.Kind).Distinct().Count());
        }

        Assert.Equal(ReadThroughCommand(database, database.Rows.Entities, "Entities"), ReadThroughReads(database, database.Rows.Entities, "Entities"));
        Assert.Equal(ReadThroughCommand(database, database.Rows.Relations, "Relations"), ReadThroughReads(database, database.Rows.Relations, "Relations"));
    }

    private static List<string> ReadThroughCommand<T>(SqliteTestDatabase database, RowShape<T> shape, string table)
    {
        using var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT {shape.SelectList("x")} FROM "{table}" AS x ORDER BY x."Id" """;
        using var reader = command.ExecuteReader();
        var items = new List<string>();
        while (reader.Read()) items.Add(Describe(shape.Read(reader, 0)!));
        return items;
    }

    private static List<string> ReadThroughReads<T>(SqliteTestDatabase database, RowShape<T> shape, string table) =>
        database.Reads.Query(new SqlStatement($"""SELECT {shape.SelectList("x")} FROM "{table}" AS x ORDER BY x."Id" """), [], shape, (reader, shape) =>
        {
            var items = new List<string>();
            while (reader.Read()) items.Add(Describe(shape.Read(reader, 0)!));
            return items;
        }, default);

    /// <summary>An entity of <paramref name="kind"/> with every settable member given a value (or, not <paramref name="full"/>, only the required ones).</summary>
    private static Entity Sample(Type kind, bool full)
    {
        var entity = (Entity)Activator.CreateInstance(kind)!;
        foreach (var property in kind.GetProperties().Where(p => p.SetMethod is { IsPublic: true }))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var nullable = !property.PropertyType.IsValueType && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable
                           || Nullable.GetUnderlyingType(property.PropertyType) is not null;
            if (!full && nullable)
            {
                if (type == typeof(string)) property.SetValue(entity, "");
                continue;
            }
            object? value = type switch
            {
                _ when type == typeof(string) => $"{property.Name} {kind.Name} – Grüße 東京 🚀",
                _ when type == typeof(DateOnly) => new DateOnly(full ? 2021 : 1999, 6, 1),
                _ when type == typeof(DateTime) => new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc).AddTicks(1234567),
                _ when type == typeof(bool) => full,
                _ when type == typeof(int) && property.Name != nameof(Entity.Id) => full ? 7 : 0,
                _ when type.IsEnum => Enum.GetValues(type).GetValue(full ? Enum.GetValues(type).Length - 1 : 0),
                _ when type == typeof(List<string>) => full ? new List<string> { "a", "Grüße" } : new List<string>(),
                _ when type == typeof(List<Source>) => new List<Source> { new() { Title = "test" } },
                _ => null,
            };
            if (value is not null) property.SetValue(entity, value);
        }
        entity.Key = $"{kind.Name}-{full}";
        return entity;
    }

    /// <summary>Every public member of <paramref name="item"/> with a value of its own (not its relations), by name.</summary>
    private static string Describe(object item) => string.Join("\n", item.GetType().GetProperties()
        .Where(p => p.GetMethod is { IsPublic: true } && p.PropertyType != typeof(Entity) && p.PropertyType != typeof(List<Relation>))
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .Select(p => $"{p.Name} = {(p.GetValue(item) is { } value ? JsonSerializer.Serialize(value, value.GetType()) + (value is DateTime at ? $" ({at.Kind})" : "") : "null")}"));

    private static readonly object?[] BoundValues =
    [
        null, DBNull.Value, "", "Grüße – 東京 🚀", "a\0b", new string('ü', 1_000), 0, int.MinValue, long.MaxValue, true, false, (short)-7, (byte)255,
        1.5, -0.0, double.PositiveInfinity, 0.25f, new DateOnly(2021, 6, 1), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31),
        new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc).AddTicks(1234567), new DateTime(2021, 6, 1), new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Local),
    ];

    [Fact]
    public void Every_parameter_binds_as_a_SqliteParameter_binds_it()
    {
        var sql = "SELECT $v, typeof($v), length($v)";
        var statement = new SqlStatement(sql, "$v");
        foreach (var value in BoundValues)
        {
            using var command = _keeper.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$v", value ?? DBNull.Value);
            using var expected = command.ExecuteReader();
            expected.Read();
            var actual = _reads.Query(statement, [value], 0, (reader, _) =>
            {
                Assert.True(reader.Read());
                return (Outcome(() => reader.GetValue(0)), reader.GetString(1), Outcome(() => reader.GetValue(2)));
            }, default);
            Assert.Equal((Outcome(() => expected.GetValue(0)), expected.GetString(1), Outcome(() => expected.GetValue(2))), actual);
        }
    }

    [Fact]
    public void A_value_of_a_type_the_reads_do_not_bind_is_refused_clearly_and_the_statement_runs_on()
    {
        var statement = new SqlStatement("SELECT $first, $second", "$first", "$second");
        foreach (var value in new object[] { NodeKind.Event, Guid.Empty, 1.5m, new object() })
        {
            var error = Assert.Throws<NotSupportedException>(() => _reads.Query(statement, [1, value], 0, (_, _) => 0, default));
            Assert.Contains("$second", error.Message);
            Assert.Contains(value.GetType().ToString(), error.Message);
        }
        Assert.Equal("Cannot store 'NaN' values.", Assert.Throws<InvalidOperationException>(() => _reads.Query(statement, [1, double.NaN], 0, (_, _) => 0, default)).Message);
        Assert.Equal((2L, "b"), _reads.Query(statement, [2, "b"], 0, (reader, _) => reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : default, default));
    }

    [Fact]
    public void A_parameter_the_text_does_not_use_is_ignored_and_one_it_uses_must_be_given()
    {
        var unused = new SqlStatement("SELECT $used", "$used", "$unused");
        Assert.Equal(5L, _reads.Query(unused, [5, "ignored"], 0, (reader, _) => reader.Read() ? reader.GetInt64(0) : 0, default));
        var missing = Assert.Throws<InvalidOperationException>(() => _reads.Query(new SqlStatement("SELECT $a, $b", "$a"), [1], 0, (_, _) => 0, default));
        Assert.Equal("Must add values for the following parameters: $b", missing.Message);
        Assert.Throws<ArgumentException>(() => _reads.Query(unused, [5], 0, (_, _) => 0, default));
    }

    [Fact]
    public void A_statement_is_prepared_once_and_its_recompilations_are_seen()
    {
        // SQLite compiles a statement again on every run whose LIMIT names a parameter directly (SqliteReads.BoundLimit):
        // one entry whose count grows with the runs is one statement, kept and run again.
        Execute("CREATE TABLE t (v)");
        Execute("INSERT INTO t (v) VALUES (1), (2), (3)");
        var direct = new SqlStatement("SELECT v FROM t ORDER BY v LIMIT $n", "$n");
        var bound = new SqlStatement($"SELECT v FROM t ORDER BY v LIMIT {SqliteReads.BoundLimit("$n")}", "$n");
        for (var n = 1; n <= 3; n++)
        {
            Assert.Equal(n, _reads.Query(direct, [n], 0, (reader, _) => Count(reader), default));
            Assert.Equal(n, _reads.Query(bound, [n], 0, (reader, _) => Count(reader), default));
        }

        var recompiled = Assert.Single(_reads.Recompiled());
        Assert.Equal(direct.Text, recompiled.Sql);
        Assert.True(recompiled.Recompilations >= 2, $"recompiled {recompiled.Recompilations} times");
    }

    [Fact]
    public void A_SQL_error_surfaces_as_the_SqliteException_Microsoft_Data_Sqlite_raises()
    {
        foreach (var (sql, value) in new[] { ("SELECT * FROM missing", (object?)null), ("SELECT json_extract($v, '$.a')", "{not json") })
        {
            using var command = _keeper.CreateCommand();
            command.CommandText = sql;
            if (value is not null) command.Parameters.AddWithValue("$v", value);
            var expected = Assert.Throws<SqliteException>(() => { using var reader = command.ExecuteReader(); while (reader.Read()) { } });
            var statement = value is null ? new SqlStatement(sql) : new SqlStatement(sql, "$v");
            var actual = Assert.Throws<SqliteException>(() => _reads.Query(statement, value is null ? [] : [value], 0, (reader, _) => Count(reader), default));
            Assert.Equal((expected.SqliteErrorCode, expected.SqliteExtendedErrorCode, expected.Message), (actual.SqliteErrorCode, actual.SqliteExtendedErrorCode, actual.Message));
        }
        Assert.Equal(1, _reads.Query(new SqlStatement("SELECT 1"), [], 0, (reader, _) => Count(reader), default)); // the connection reads on
    }

    [Fact]
    public async Task A_read_of_a_table_a_writer_holds_waits_for_the_writer()
    {
        // Shared cache: a reader of a table with an uncommitted write gets SQLITE_LOCKED; Microsoft.Data.Sqlite tries again
        // until its command timeout, and so do the prepared reads.
        Execute("CREATE TABLE t (v)");
        Execute("INSERT INTO t (v) VALUES (1)");
        using var writer = new SqliteConnection(_connectionString);
        writer.Open();
        using var transaction = writer.BeginTransaction();
        using (var insert = writer.CreateCommand())
        {
            insert.CommandText = "INSERT INTO t (v) VALUES (2)";
            insert.ExecuteNonQuery();
        }
        var clock = Stopwatch.StartNew();
        var reading = Task.Run(() => _reads.Query(new SqlStatement("SELECT v FROM t"), [], 0, (reader, _) => Count(reader), default));
        await Task.Delay(500);
        Assert.False(reading.IsCompleted, "the read did not wait for the writer");
        transaction.Commit();

        Assert.Equal(2, await reading);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"read after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_cancelled_read_stops_at_once_and_its_connection_reads_on()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        // About two billion rows: minutes of work unless interrupted.
        var counting = Task.Run(() => _reads.Query(
            new SqlStatement("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000000) SELECT max(x) FROM n"),
            [], 0, (reader, _) => reader.Read() ? reader.GetInt64(0) : 0, cancel.Token));

        var first = await Task.WhenAny(counting, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(first == counting, "the statement was still running 10 s after the cancellation");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => counting);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped only after {clock.Elapsed}");
        Assert.Equal(1, _reads.Query(new SqlStatement("SELECT 1"), [], 0, (reader, _) => Count(reader), default));
    }

    [SkippableFact]
    public void The_reads_call_the_SQLite_library_Microsoft_Data_Sqlite_loaded()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "reads the process's memory map");
        Assert.Equal(1, _reads.Query(new SqlStatement("SELECT 1"), [], 0, (reader, _) => Count(reader), default));
        var libraries = File.ReadLines("/proc/self/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libe_sqlite3.", StringComparison.Ordinal))
            .Select(fields => fields[5]).Distinct().ToList();
        Assert.True(libraries.Count == 1, string.Join("\n", libraries));
    }

    private static int Count(DbDataReader reader)
    {
        var rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    private void Execute(string sql)
    {
        using var command = _keeper.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>What reading gave: the value with its type, or the exception with its message.</summary>
    private static string Outcome(Func<object?> read)
    {
        try
        {
            return read() switch
            {
                null => "null",
                byte[] bytes => $"Byte[]:{Convert.ToHexString(bytes)}",
                double number => $"Double:{number.ToString("R", CultureInfo.InvariantCulture)}",
                float number => $"Single:{number.ToString("R", CultureInfo.InvariantCulture)}",
                DateTime at => $"DateTime:{at.Ticks}:{at.Kind}",
                DateOnly date => $"DateOnly:{date:yyyy-MM-dd}",
                var value => $"{value.GetType().Name}:{Convert.ToString(value, CultureInfo.InvariantCulture)}",
            };
        }
        catch (Exception e)
        {
            return $"throws {e.GetType().Name}: {e.Message}";
        }
    }
}
