using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// The rows of one run of a statement prepared by <see cref="SqliteReads"/>, read straight from the native statement
/// (<see cref="SqliteNative"/>): each value is what Microsoft.Data.Sqlite's <see cref="SqliteDataReader"/> returns for it,
/// without a <see cref="SafeHandle"/> reference taken and released per column and with dates in the model's
/// <c>yyyy-MM-dd</c> text read without the general parser.
/// </summary>
/// <remarks>
/// The run starts when the reader is made (the first row is stepped to, waiting out a busy or locked database as
/// Microsoft.Data.Sqlite's command timeout does) and ends with <see cref="Close"/>, which resets the statement and
/// clears its bindings for the next run. Reading a NULL with a typed getter throws as Microsoft.Data.Sqlite does, so
/// callers ask <see cref="IsDBNull"/> first. Members the prepared reads do not use throw <see cref="NotSupportedException"/>.
/// </remarks>
public sealed unsafe class SqliteStatementReader : DbDataReader
{
    /// <summary>Microsoft.Data.Sqlite's wait between tries of a busy statement.</summary>
    private const int BusyRetryMilliseconds = 150;

    private static readonly bool Pre10TimeZoneHandling =
        AppContext.TryGetSwitch("Microsoft.Data.Sqlite.Pre10TimeZoneHandling", out var enabled) && enabled;

    private readonly sqlite3_stmt _handle;
    private readonly sqlite3 _db;
    private readonly int _fieldCount;
    private nint _statement; // 0 once closed
    private bool _hasRows;
    private bool _firstRead = true;
    private bool _onRow;

    /// <summary>Takes a reference on <paramref name="handle"/> (so its pointer stays valid until <see cref="Close"/>) for one run.</summary>
    internal SqliteStatementReader(sqlite3_stmt handle, sqlite3 db)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        _db = db;
        _statement = handle.DangerousGetHandle();
        _fieldCount = SqliteNative.sqlite3_column_count(_statement);
    }

    /// <summary>The native statement, for binding this run's values before <see cref="Start"/>.</summary>
    internal nint Statement => _statement;

    /// <summary>
    /// Steps to the first row. A busy or locked database is tried again every 150 ms for up to <paramref name="timeoutSeconds"/>
    /// (0: without end), as Microsoft.Data.Sqlite does; an error throws its <see cref="SqliteException"/>.
    /// </summary>
    internal void Start(int timeoutSeconds)
    {
        var started = TimeProvider.System.GetTimestamp();
        int rc;
        while (IsBusy(rc = SqliteNative.sqlite3_step(_statement))
               && (timeoutSeconds == 0 || TimeProvider.System.GetElapsedTime(started).TotalSeconds < timeoutSeconds))
        {
            SqliteNative.sqlite3_reset(_statement);
            Thread.Sleep(BusyRetryMilliseconds);
        }
        Check(rc);
        _hasRows = rc == SqliteNative.Row;
    }

    private static bool IsBusy(int rc) => rc is SqliteNative.Busy or SqliteNative.Locked or SqliteNative.LockedSharedCache;

    private void Check(int rc)
    {
        if (rc is SqliteNative.Row or SqliteNative.Done) return;
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public override bool Read()
    {
        if (_statement == 0) throw new InvalidOperationException("Read can't be called on a closed reader.");
        if (_firstRead)
        {
            _firstRead = false;
            return _onRow = _hasRows;
        }
        if (!_onRow) return false;
        var rc = SqliteNative.sqlite3_step(_statement);
        Check(rc);
        return _onRow = rc == SqliteNative.Row;
    }

    /// <summary>Ends the run: the statement is reset (releasing its read transaction) and its bindings cleared.</summary>
    public override void Close()
    {
        if (_statement == 0) return;
        SqliteNative.sqlite3_reset(_statement);
        SqliteNative.sqlite3_clear_bindings(_statement);
        _statement = 0;
        _onRow = false;
        _handle.DangerousRelease();
    }

    public override int FieldCount => _fieldCount;

    public override bool HasRows => _hasRows;

    public override bool IsClosed => _statement == 0;

    public override int RecordsAffected => -1; // read-only statements change nothing

    public override int Depth => 0;

    public override bool NextResult() => false; // one statement, one result

    /// <summary>The column's storage class (SQLITE_INTEGER … SQLITE_NULL) in the current row.</summary>
    private int TypeOf(int ordinal)
    {
        if (!_onRow) throw new InvalidOperationException("No data exists for the row/column.");
        var type = SqliteNative.sqlite3_column_type(_statement, ordinal);
        if (type == SqliteNative.Null && (uint)ordinal >= (uint)_fieldCount) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, null);
        return type;
    }

    private static InvalidOperationException CalledOnNull(int ordinal) => new(
        $"The data is NULL at ordinal {ordinal}. This method can't be called on NULL values. Check using IsDBNull before calling.");

    public override bool IsDBNull(int ordinal) => TypeOf(ordinal) == SqliteNative.Null;

    public override long GetInt64(int ordinal) =>
        TypeOf(ordinal) != SqliteNative.Null ? SqliteNative.sqlite3_column_int64(_statement, ordinal) : throw CalledOnNull(ordinal);

    public override int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    public override short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    public override byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    public override bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    public override double GetDouble(int ordinal) =>
        TypeOf(ordinal) != SqliteNative.Null ? SqliteNative.sqlite3_column_double(_statement, ordinal) : throw CalledOnNull(ordinal);

    public override float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    public override string GetString(int ordinal) => TypeOf(ordinal) != SqliteNative.Null ? Text(ordinal) : throw CalledOnNull(ordinal);

    /// <summary>The value as text, decoded straight from SQLite's UTF-8 buffer (all its bytes, as Microsoft.Data.Sqlite reads it).</summary>
    private string Text(int ordinal)
    {
        var text = SqliteNative.sqlite3_column_text(_statement, ordinal);
        if (text == null) return null!; // only when SQLite ran out of memory converting the value; Microsoft.Data.Sqlite gives null too
        return Encoding.UTF8.GetString(text, SqliteNative.sqlite3_column_bytes(_statement, ordinal));
    }

    /// <summary>
    /// A date stored as text (the model's <c>yyyy-MM-dd</c>, read here without the general parser; any other text as
    /// <see cref="DateOnly.Parse(string, IFormatProvider)"/> reads it) or as a Julian day number.
    /// </summary>
    public DateOnly GetDateOnly(int ordinal)
    {
        var type = TypeOf(ordinal);
        if (type is SqliteNative.Integer or SqliteNative.Float) return DateOnly.FromDateTime(FromJulianDate(SqliteNative.sqlite3_column_double(_statement, ordinal)));
        if (type == SqliteNative.Null) throw CalledOnNull(ordinal);
        var text = SqliteNative.sqlite3_column_text(_statement, ordinal);
        if (text != null && SqliteNative.sqlite3_column_bytes(_statement, ordinal) == 10 && IsoDate(new ReadOnlySpan<byte>(text, 10)) is { } date)
            return date;
        return DateOnly.Parse(Text(ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary><c>yyyy-MM-dd</c> of a real date; null for anything else (left to the general parser, which decides).</summary>
    private static DateOnly? IsoDate(ReadOnlySpan<byte> text)
    {
        if (text[4] != '-' || text[7] != '-') return null;
        var year = Digits(text[..4]);
        var month = Digits(text.Slice(5, 2));
        var day = Digits(text.Slice(8, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    /// <summary>The number the ASCII digits say; -1 when one is not a digit.</summary>
    private static int Digits(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            if ((uint)(digit - '0') > 9) return -1;
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    /// <summary>As Microsoft.Data.Sqlite: text through <see cref="DateTime.Parse(string, IFormatProvider)"/> (local times made UTC), numbers as Julian days.</summary>
    public override DateTime GetDateTime(int ordinal)
    {
        var type = TypeOf(ordinal);
        if (type is SqliteNative.Integer or SqliteNative.Float) return FromJulianDate(SqliteNative.sqlite3_column_double(_statement, ordinal));
        var dateTime = DateTime.Parse(GetString(ordinal), CultureInfo.InvariantCulture);
        return Pre10TimeZoneHandling || dateTime.Kind != DateTimeKind.Local ? dateTime : dateTime.ToUniversalTime();
    }

    public override T GetFieldValue<T>(int ordinal)
    {
        // Each branch is chosen when the method is compiled for T; the casts through object then box nothing.
        if (typeof(T) == typeof(bool)) return (T)(object)GetBoolean(ordinal);
        if (typeof(T) == typeof(byte)) return (T)(object)GetByte(ordinal);
        if (typeof(T) == typeof(short)) return (T)(object)GetInt16(ordinal);
        if (typeof(T) == typeof(int)) return (T)(object)GetInt32(ordinal);
        if (typeof(T) == typeof(long)) return (T)(object)GetInt64(ordinal);
        if (typeof(T) == typeof(double)) return (T)(object)GetDouble(ordinal);
        if (typeof(T) == typeof(float)) return (T)(object)GetFloat(ordinal);
        if (typeof(T) == typeof(DateOnly)) return (T)(object)GetDateOnly(ordinal);
        if (typeof(T) == typeof(DateTime)) return (T)(object)GetDateTime(ordinal);
        if (typeof(T) == typeof(string)) return (T)(object)GetString(ordinal);
        if (typeof(T) == typeof(object)) return (T)GetValue(ordinal);
        throw new NotSupportedException($"{nameof(SqliteStatementReader)} does not read values as {typeof(T)}.");
    }

    public override object GetValue(int ordinal) => TypeOf(ordinal) switch
    {
        SqliteNative.Integer => SqliteNative.sqlite3_column_int64(_statement, ordinal),
        SqliteNative.Float => SqliteNative.sqlite3_column_double(_statement, ordinal),
        SqliteNative.Text => Text(ordinal),
        SqliteNative.Blob => Blob(ordinal),
        SqliteNative.Null => DBNull.Value,
        var type => throw new ArgumentOutOfRangeException(nameof(ordinal), $"Unexpected column type: {type}"),
    };

    private byte[] Blob(int ordinal)
    {
        var blob = SqliteNative.sqlite3_column_blob(_statement, ordinal);
        return blob == null ? [] : new ReadOnlySpan<byte>(blob, SqliteNative.sqlite3_column_bytes(_statement, ordinal)).ToArray();
    }

    public override int GetValues(object[] values)
    {
        var i = 0;
        for (; i < _fieldCount; i++) values[i] = GetValue(i);
        return i;
    }

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override string GetName(int ordinal)
    {
        if (_statement == 0) throw new InvalidOperationException("GetName can't be called on a closed reader.");
        if ((uint)ordinal >= (uint)_fieldCount) throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, null);
        return Marshal.PtrToStringUTF8((nint)SqliteNative.sqlite3_column_name(_statement, ordinal))!;
    }

    /// <summary>The column named <paramref name="name"/>: exactly, else the one column named so ignoring case.</summary>
    public override int GetOrdinal(string name)
    {
        var found = -1;
        for (var i = 0; i < _fieldCount; i++)
        {
            var column = GetName(i);
            if (column == name) return i;
            if (!string.Equals(column, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found >= 0) throw new InvalidOperationException($"The column name '{name}' matches more than one column ignoring case.");
            found = i;
        }
        return found >= 0 ? found : throw new ArgumentOutOfRangeException(nameof(name), name, null);
    }

    public override char GetChar(int ordinal) => throw Unsupported();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw Unsupported();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw Unsupported();

    public override string GetDataTypeName(int ordinal) => throw Unsupported();

    public override Type GetFieldType(int ordinal) => throw Unsupported();

    public override decimal GetDecimal(int ordinal) => throw Unsupported();

    public override Guid GetGuid(int ordinal) => throw Unsupported();

    public override IEnumerator GetEnumerator() => throw Unsupported();

    private static NotSupportedException Unsupported() => new($"{nameof(SqliteStatementReader)} reads the values of the prepared reads only.");

    /// <summary>A Julian day number as a date and time: Microsoft.Data.Sqlite's conversion (SQLite's <c>computeYMD_HMS</c>).</summary>
    private static DateTime FromJulianDate(double julianDate)
    {
        var milliseconds = (long)(julianDate * 86400000.0 + 0.5);
        var z = (int)((milliseconds + 43200000) / 86400000);
        var a = (int)((z - 1867216.25) / 36524.25);
        a = z + 1 + a - a / 4;
        var b = a + 1524;
        var c = (int)((b - 122.1) / 365.25);
        var d = 36525 * (c & 0x7FFF) / 100;
        var e = (int)((b - d) / 30.6001);
        var x1 = (int)(30.6001 * e);
        var day = b - d - x1;
        var month = e < 14 ? e - 1 : e - 13;
        var year = month > 2 ? c - 4716 : c - 4715;
        var dayMilliseconds = (int)((milliseconds + 43200000) % 86400000);
        var seconds = dayMilliseconds / 1000.0;
        var wholeSeconds = (int)seconds;
        var fraction = seconds - wholeSeconds;
        var hour = wholeSeconds / 3600;
        wholeSeconds -= hour * 3600;
        var minute = wholeSeconds / 60;
        var second = fraction + (wholeSeconds - minute * 60);
        var secondWhole = (int)second;
        var millisecond = (int)Math.Round((second - secondWhole) * 1000.0);
        return new DateTime(year, month, day, hour, minute, secondWhole, millisecond);
    }
}
