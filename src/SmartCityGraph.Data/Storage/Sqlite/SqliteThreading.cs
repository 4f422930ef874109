namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// SQLite's threading mode for the process: multi-thread rather than the bundled library's default, serialized.
/// </summary>
/// <remarks>
/// Serialized mode locks a connection's mutex around every call into SQLite, each column read of each row included (a
/// pthread lock and unlock per value: about 3 % of the CPU of a relationship query). ADO.NET never uses a connection
/// from two threads at once (neither does <see cref="SqliteReads"/>'s pool, nor EF Core's context), which is all
/// multi-thread mode asks; SQLite's own shared structures (the page cache, shared-cache in-memory databases) keep their
/// mutexes, and <c>sqlite3_interrupt</c> from a cancelling thread takes no lock in either mode. The mode can only be
/// chosen before SQLite first initialises in the process; afterwards it stays serialized, which is as correct.
/// </remarks>
public static class SqliteThreading
{
    private const int SqliteOk = 0;
    private static int _attempted;

    /// <summary>Whether this process runs SQLite in multi-thread mode (false when SQLite was initialised first).</summary>
    public static bool MultiThread { get; private set; }

    /// <summary>Asks for multi-thread mode, once per process, before any connection opens.</summary>
    public static void UseMultiThreadMode()
    {
        if (Interlocked.Exchange(ref _attempted, 1) == 1) return;
        SQLitePCL.Batteries_V2.Init();
        MultiThread = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD) == SqliteOk;
    }
}
