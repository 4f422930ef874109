using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>The time limit on PostgreSQL: a cancelled request cancels its statement on the server (Npgsql sends a cancel request).</summary>
public sealed class PostgresCancellationTests
{
    [SkippableFact]
    public async Task A_cancelled_request_stops_a_long_PostgreSQL_statement_at_once()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var sleeping = db.Database.SqlQueryRaw<int>("""SELECT 1 AS "Value" FROM pg_sleep(60)""").ToListAsync(cancel.Token);

        var first = await Task.WhenAny(sleeping, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(first == sleeping, "the statement was still running 10 s after the cancellation");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped only after {clock.Elapsed}");

        // The connection is usable again: the server cancelled the statement, not the session.
        Assert.Equal([2], await db.Database.SqlQueryRaw<int>("""SELECT 2 AS "Value" """).ToListAsync());
    }
}
