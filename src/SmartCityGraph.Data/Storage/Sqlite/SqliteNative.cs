using System.Runtime.InteropServices;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// The few SQLite functions the prepared reads call directly, on raw pointers: SQLitePCL's own entry points take the
/// statement as a <see cref="SafeHandle"/>, which every call adds and releases a reference to (with the provider lookup
/// and the marshalling stub, 5-7 % of the CPU of a read-heavy query went to that, a column value at a time).
/// </summary>
/// <remarks>
/// <c>e_sqlite3</c> resolves to the library SQLitePCLRaw loaded (the same name, from the same application's native
/// assets), so these work on its connections and statements. The column getters only read the current row (or convert a
/// value of it) and never call back; the connection mutex they take in serialized mode is never contended (a connection
/// serves one thread at a time), so they skip the GC transition. <c>step</c>, <c>reset</c> and the binders may run long
/// and keep it.
/// </remarks>
internal static unsafe class SqliteNative
{
    private const string Library = "e_sqlite3";

    public const int Ok = 0;
    public const int Busy = 5;
    public const int Locked = 6;
    public const int LockedSharedCache = 262; // SQLITE_LOCKED_SHAREDCACHE
    public const int Row = 100;
    public const int Done = 101;

    public const int Integer = 1;
    public const int Float = 2;
    public const int Text = 3;
    public const int Blob = 4;
    public const int Null = 5;

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound text or blob before the call returns.</summary>
    public static readonly nint Transient = -1;

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_type(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern long sqlite3_column_int64(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern double sqlite3_column_double(nint statement, int column);

    /// <summary>The value as UTF-8 text; call before <see cref="sqlite3_column_bytes"/> (which then counts that text).</summary>
    [DllImport(Library), SuppressGCTransition]
    public static extern byte* sqlite3_column_text(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern byte* sqlite3_column_blob(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_bytes(nint statement, int column);

    [DllImport(Library), SuppressGCTransition]
    public static extern int sqlite3_column_count(nint statement);

    [DllImport(Library)]
    public static extern byte* sqlite3_column_name(nint statement, int column);

    [DllImport(Library)]
    public static extern int sqlite3_step(nint statement);

    [DllImport(Library)]
    public static extern int sqlite3_reset(nint statement);

    [DllImport(Library)]
    public static extern int sqlite3_clear_bindings(nint statement);

    [DllImport(Library)]
    public static extern int sqlite3_bind_null(nint statement, int index);

    [DllImport(Library)]
    public static extern int sqlite3_bind_int64(nint statement, int index, long value);

    [DllImport(Library)]
    public static extern int sqlite3_bind_double(nint statement, int index, double value);

    [DllImport(Library)]
    public static extern int sqlite3_bind_text(nint statement, int index, byte* value, int bytes, nint destructor);

    /// <summary>
    /// The engine's own statement list, read directly: SQLitePCL's <c>sqlite3_next_stmt</c> only knows statements it
    /// tracked from the connection's start, and Microsoft.Data.Sqlite's pooled handles predate that.
    /// </summary>
    [DllImport(Library)]
    public static extern nint sqlite3_next_stmt(nint db, nint statement);

    [DllImport(Library)]
    public static extern int sqlite3_stmt_status(nint statement, int op, int reset);

    [DllImport(Library)]
    public static extern nint sqlite3_sql(nint statement);
}
