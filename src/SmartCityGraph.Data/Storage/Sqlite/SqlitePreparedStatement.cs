using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// A <see cref="SqlStatement"/> compiled once on one connection of <see cref="SqliteReads"/>, with where each of its
/// parameters is bound; each run binds its values as Microsoft.Data.Sqlite's <see cref="SqliteParameter"/> would and reads
/// its rows through a <see cref="SqliteStatementReader"/>. Finalized with <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class SqlitePreparedStatement : IDisposable
{
    /// <summary>SQLITE_PREPARE_PERSISTENT: the statement is kept for many runs, so SQLite does not take it from lookaside memory.</summary>
    private const uint Persistent = 1;

    /// <summary>Strings up to this many UTF-8 bytes are encoded on the stack for binding.</summary>
    private const int StackTextBytes = 512;

    private readonly sqlite3_stmt _handle;
    private readonly SqliteConnection _connection;
    private readonly SqlStatement _statement;
    private readonly int[] _indexes; // per parameter of _statement: its index in the compiled statement, 0 when the text has none

    private SqlitePreparedStatement(sqlite3_stmt handle, SqliteConnection connection, SqlStatement statement, int[] indexes)
    {
        _handle = handle;
        _connection = connection;
        _statement = statement;
        _indexes = indexes;
    }

    /// <summary>
    /// Compiles <paramref name="statement"/> on <paramref name="connection"/>, waiting out a locked schema as
    /// Microsoft.Data.Sqlite does; every parameter the text names must be one of the statement's.
    /// </summary>
    public static SqlitePreparedStatement Prepare(SqliteConnection connection, SqlStatement statement)
    {
        var db = connection.Handle!;
        var sql = Encoding.UTF8.GetBytes(statement.Text);
        var started = TimeProvider.System.GetTimestamp();
        int rc;
        sqlite3_stmt handle;
        ReadOnlySpan<byte> tail;
        while (IsBusy(rc = raw.sqlite3_prepare_v3(db, sql, Persistent, out handle, out tail)) && !TimedOut(connection, started))
            Thread.Sleep(150);
        SqliteException.ThrowExceptionForRC(rc, db);
        try
        {
            if (handle.IsInvalid) throw new InvalidOperationException($"The statement holds no SQL:\n{statement.Text}");
            EnsureNothingFollows(connection, tail, statement);
            var indexes = statement.ParameterNames.Select(name => ParameterIndex(handle, name)).ToArray();
            var missing = Enumerable.Range(1, raw.sqlite3_bind_parameter_count(handle))
                .Where(index => !indexes.Contains(index))
                .Select(index => raw.sqlite3_bind_parameter_name(handle, index).utf8_to_string())
                .ToList();
            if (missing.Count > 0) throw new InvalidOperationException($"Must add values for the following parameters: {string.Join(", ", missing)}");
            return new SqlitePreparedStatement(handle, connection, statement, indexes);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static bool IsBusy(int rc) => rc is SqliteNative.Busy or SqliteNative.Locked or SqliteNative.LockedSharedCache;

    private static bool TimedOut(SqliteConnection connection, long started) =>
        connection.DefaultTimeout != 0 && TimeProvider.System.GetElapsedTime(started).TotalSeconds >= connection.DefaultTimeout;

    /// <summary>One statement per <see cref="SqlStatement"/>: a second one after it (not only comments or space) is refused.</summary>
    private static void EnsureNothingFollows(SqliteConnection connection, ReadOnlySpan<byte> tail, SqlStatement statement)
    {
        if (tail.IsEmpty) return;
        var rc = raw.sqlite3_prepare_v2(connection.Handle!, tail, out var next, out _);
        using (next)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            if (!next.IsInvalid) throw new NotSupportedException($"A prepared read runs one statement; this text holds more:\n{statement.Text}");
        }
    }

    /// <summary>Where <paramref name="name"/> is bound, found as <see cref="SqliteParameter"/> finds it (with a prefix when it has none); 0 when the text does not use it.</summary>
    private static int ParameterIndex(sqlite3_stmt handle, string name)
    {
        var index = raw.sqlite3_bind_parameter_index(handle, name);
        if (index != 0 || name.Length == 0 || name[0] is '@' or '$' or ':') return index;
        foreach (var prefix in "@$:")
        {
            var prefixed = raw.sqlite3_bind_parameter_index(handle, prefix + name);
            if (prefixed == 0) continue;
            if (index != 0) throw new InvalidOperationException($"Parameter '{name}' matches more than one parameter of the statement.");
            index = prefixed;
        }
        return index;
    }

    /// <summary>
    /// Binds <paramref name="values"/> (one per parameter of the statement, in order) and steps to the first row; the
    /// returned reader must be closed, which readies the statement for its next run.
    /// </summary>
    public SqliteStatementReader Execute(ReadOnlySpan<object?> values)
    {
        if (values.Length != _indexes.Length)
            throw new ArgumentException($"The statement has {_indexes.Length} parameters; {values.Length} values were given.", nameof(values));
        var reader = new SqliteStatementReader(_handle, _connection.Handle!);
        try
        {
            for (var i = 0; i < values.Length; i++)
                if (_indexes[i] != 0) Bind(reader.Statement, _indexes[i], values[i], i);
            reader.Start(_connection.DefaultTimeout);
            return reader;
        }
        catch
        {
            reader.Close();
            throw;
        }
    }

    /// <summary>
    /// Binds <paramref name="value"/> as <see cref="SqliteParameter"/> does for the types the prepared reads pass (enums
    /// excepted: the model stores them as text, so one here would match nothing); any other type is refused.
    /// </summary>
    private void Bind(nint statement, int index, object? value, int position)
    {
        var rc = value switch
        {
            null or DBNull => SqliteNative.sqlite3_bind_null(statement, index),
            string text => BindText(statement, index, text),
            int number => SqliteNative.sqlite3_bind_int64(statement, index, number),
            long number => SqliteNative.sqlite3_bind_int64(statement, index, number),
            bool flag => SqliteNative.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            short number => SqliteNative.sqlite3_bind_int64(statement, index, number),
            byte number => SqliteNative.sqlite3_bind_int64(statement, index, number),
            double number => BindDouble(statement, index, number),
            float number => BindDouble(statement, index, number),
            DateOnly date => BindDate(statement, index, date),
            DateTime dateTime => BindText(statement, index, dateTime.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException(
                $"Parameter {_statement.ParameterNames[position]} of a prepared read is a {value.GetType()}; prepared reads bind strings, " +
                "whole numbers, booleans, doubles, DateOnly, DateTime and null (an enum or other value as the model stores it)."),
        };
        if (rc != SqliteNative.Ok) SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
    }

    private static int BindDouble(nint statement, int index, double value) =>
        double.IsNaN(value) ? throw new InvalidOperationException("Cannot store 'NaN' values.") : SqliteNative.sqlite3_bind_double(statement, index, value);

    /// <summary>Text as UTF-8 of its exact length (SQLite copies it), encoded on the stack when short.</summary>
    private static int BindText(nint statement, int index, string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length) <= StackTextBytes ? -1 : Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        Span<byte> buffer = length < 0 ? stackalloc byte[StackTextBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            fixed (byte* bytes = buffer) // never null: the buffer is not empty, so an empty string binds as text, not NULL
                return SqliteNative.sqlite3_bind_text(statement, index, bytes, written, SqliteNative.Transient);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary><c>yyyy-MM-dd</c>, as <see cref="SqliteParameter"/> writes a <see cref="DateOnly"/> (and the model stores one).</summary>
    private static int BindDate(nint statement, int index, DateOnly date)
    {
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        fixed (byte* bytes = text)
            return SqliteNative.sqlite3_bind_text(statement, index, bytes, written, SqliteNative.Transient);
    }

    public void Dispose() => _handle.Dispose();
}
