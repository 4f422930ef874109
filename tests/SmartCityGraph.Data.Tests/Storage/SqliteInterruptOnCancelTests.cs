using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Sqlite;

namespace SmartCityGraph.Data.Tests.Storage;

public sealed class SqliteInterruptOnCancelTests
{
    [Fact]
    public async Task A_cancelled_request_stops_a_long_SQLite_statement_at_once()
    {
        // Regression: at the time limit the request was cancelled, but SQLite went on scanning for
        // seconds more; the statement must stop and report the cancellation.
        var options = new DbContextOptionsBuilder<SmartCityDbContext>()
            .UseSqlite("Data Source=:memory:")
            .AddInterceptors(new SqliteInterruptOnCancel())
            .Options;
        await using var db = new SmartCityDbContext(options);
        await db.Database.OpenConnectionAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // About two billion rows: minutes of work unless interrupted.
        var counting = db.Database
            .SqlQueryRaw<long>("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000000000) SELECT max(x) AS \"Value\" FROM n")
            .ToListAsync(cancel.Token);

        // Without the interrupt this would run for minutes: give up waiting (and fail) after 10 s.
        var first = await Task.WhenAny(counting, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(first == counting, "the statement was still running 10 s after the cancellation");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => counting);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped only after {clock.Elapsed}");
    }
}
