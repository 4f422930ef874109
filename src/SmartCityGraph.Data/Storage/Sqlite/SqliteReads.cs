using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// Read-only SQLite connections kept open, each with its statements prepared once: the hot, fixed reads
/// (entities by id, relation windows, walks, search) run here as plain SQL, without EF Core's per-query
/// work (expression trees, cache lookups, SQL generation, a fresh command and statement preparation, a
/// connection open through the provider's pool lock) — the pipeline cost more than SQLite itself. The
/// statements are SQLite's own (<see cref="SqlitePreparedStatement"/>), bound and read without
/// Microsoft.Data.Sqlite's per-value wrappers (<see cref="SqliteStatementReader"/>).
/// </summary>
/// <remarks>
/// A connection is taken for one statement and given back at once (SQLite runs synchronously, so a
/// statement never waits on anything else while it holds one); a thread usually gets back the connection it
/// just returned, so there is no shared lock to wait on. Connections refuse writes (<c>query_only</c>).
/// Each statement is counted by the <see cref="ISqlStatementListener"/>s, logged at Debug and stopped with
/// <c>sqlite3_interrupt</c> when its request is cancelled, as EF Core's are.
/// </remarks>
public sealed class SqliteReads : IDisposable
{
    private const int SqliteInterrupt = 9;
    private const int StatementStatusReprepare = 5; // SQLITE_STMTSTATUS_REPREPARE

    private readonly string _connectionString;
    private readonly SqliteConnectionTuning? _tuning;
    private readonly ISqlStatementListener[] _listeners;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private readonly int _maxIdle = Math.Max(8, Environment.ProcessorCount * 4);
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteReads(string connectionString, IEnumerable<ISqlStatementListener> listeners, ILogger<SqliteReads> logger, SqliteConnectionTuning? tuning = null)
    {
        _connectionString = connectionString;
        _tuning = tuning;
        _listeners = [.. listeners];
        _logger = logger;
    }

    /// <summary>Runs <paramref name="statement"/> with <paramref name="values"/> (one per parameter, in order) and reads its rows.</summary>
    public TResult Query<TState, TResult>(
        SqlStatement statement, ReadOnlySpan<object?> values, TState state, Func<SqliteStatementReader, TState, TResult> read, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var connection = Rent();
        try
        {
            var prepared = connection.Prepared(statement);
            foreach (var listener in _listeners) listener.StatementExecuting(statement.Text);
            if (_logger.IsEnabled(LogLevel.Debug)) _logger.LogDebug("Executing prepared read\n{Sql}", statement.Text);
            using var span = PreparedReadTelemetry.Start("sqlite", statement);
            using var interrupt = ct.CanBeCanceled
                ? ct.Register(static handle => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)handle!), connection.Connection.Handle)
                : default;
            using var reader = prepared.Execute(values);
            return read(reader, state);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteInterrupt && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        finally
        {
            Return(connection);
        }
    }

    private ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }
        var sqlite = new SqliteConnection(_connectionString);
        sqlite.Open();
        _tuning?.Apply(sqlite);
        using (var command = sqlite.CreateCommand())
        {
            command.CommandText = "PRAGMA query_only = 1;";
            command.ExecuteNonQuery();
        }
        return new ReadConnection(sqlite);
    }

    private void Return(ReadConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            if (!_disposed) Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
            return;
        }
        _idle.Add(connection);
    }

    /// <summary>
    /// The statements, on the idle connections, that SQLite compiled again after preparing them, with how often (a
    /// diagnostic for tests: a statement SQLite recompiles on every run costs its compilation every time). SQLite
    /// recompiles when a bound value may change the plan, e.g. a <c>LIMIT</c> read straight from a parameter
    /// (<see cref="BoundLimit"/>).
    /// </summary>
    public IReadOnlyList<(string Sql, int Recompilations)> Recompiled()
    {
        var recompiled = new List<(string, int)>();
        foreach (var connection in _idle.ToArray())
        {
            var db = connection.Connection.Handle!.DangerousGetHandle();
            for (var statement = SqliteNative.sqlite3_next_stmt(db, 0); statement != 0; statement = SqliteNative.sqlite3_next_stmt(db, statement))
            {
                var count = SqliteNative.sqlite3_stmt_status(statement, StatementStatusReprepare, 0);
                if (count > 0) recompiled.Add((System.Runtime.InteropServices.Marshal.PtrToStringUTF8(SqliteNative.sqlite3_sql(statement)) ?? "", count));
            }
            GC.KeepAlive(connection.Connection);
        }
        return recompiled;
    }

    /// <summary>
    /// A <c>LIMIT</c> or <c>OFFSET</c> value read from <paramref name="parameter"/> so that binding it keeps the
    /// compiled statement: SQLite (3.53) recompiles a statement on every run whose <c>LIMIT</c> names a parameter
    /// directly, which cost the search statement 40 % of its time; as a scalar subquery the value is read at run time.
    /// </summary>
    public static string BoundLimit(string parameter) => $"(SELECT {parameter})";

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection)) connection.Dispose();
    }

    /// <summary>An open connection and the statements prepared on it.</summary>
    private sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<SqlStatement, SqlitePreparedStatement> _statements = new(ReferenceEqualityComparer.Instance);

        public SqliteConnection Connection { get; } = connection;

        public SqlitePreparedStatement Prepared(SqlStatement statement)
        {
            if (_statements.TryGetValue(statement, out var prepared)) return prepared;
            prepared = SqlitePreparedStatement.Prepare(Connection, statement);
            _statements[statement] = prepared;
            return prepared;
        }

        public void Dispose()
        {
            foreach (var prepared in _statements.Values) prepared.Dispose();
            Connection.Dispose();
        }
    }
}
