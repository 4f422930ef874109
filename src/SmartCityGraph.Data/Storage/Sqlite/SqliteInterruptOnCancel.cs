using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// Makes a cancelled request stop its SQLite statement at once. SQLite checks no token while it
/// steps through rows, so a statement that scans millions of them ran on after the request's
/// time limit; <c>sqlite3_interrupt</c> stops it at the next row and the caller sees the
/// cancellation it asked for.
/// </summary>
public sealed class SqliteInterruptOnCancel : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbCommand, Watch> watches = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.CanBeCanceled && command.Connection is SqliteConnection { Handle: { } handle })
            watches.AddOrUpdate(command, new Watch(cancellationToken, cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(handle))));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Release(command);
        return base.DataReaderDisposing(command, eventData, result);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        var watch = Release(command);
        // An interrupted statement fails with SQLITE_INTERRUPT; report it as what it is: the cancellation.
        watch?.Token.ThrowIfCancellationRequested();
        return base.CommandFailedAsync(command, eventData, cancellationToken);
    }

    private Watch? Release(DbCommand command)
    {
        if (!watches.TryGetValue(command, out var watch)) return null;
        watches.Remove(command);
        watch.Registration.Dispose();
        return watch;
    }

    private sealed record Watch(CancellationToken Token, CancellationTokenRegistration Registration);
}
