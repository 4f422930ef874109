using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Editing;

/// <summary>
/// The one write path of the graph: a change runs in one transaction — each operation validates, applies and
/// records its revision — and commits whole or not at all; then <see cref="IChangeNotifier"/> hears the new
/// revision numbers. The editing mutations and the seed import both write through it.
/// </summary>
/// <remarks>
/// Provider-neutral EF Core: the transaction runs inside the provider's execution strategy (which may retry
/// it whole), versions are concurrency tokens (<c>UPDATE … WHERE Version = @read</c>), ids come from the
/// database and are never reused (SQLite AUTOINCREMENT, PostgreSQL identity). Writers queue instead of failing:
/// on SQLite the transaction is <c>BEGIN IMMEDIATE</c>, on PostgreSQL it first takes <see cref="WriterLock"/>, so
/// several server instances on one database number their revisions in one gapless sequence.
/// </remarks>
public sealed class GraphWriter(SmartCityDbContext db, IChangeNotifier notifier, TimeProvider clock, ILogger<GraphWriter> logger)
{
    /// <summary>The PostgreSQL advisory lock every write transaction holds ("graph writer"); the seed import is one of them.</summary>
    public const long WriterLock = 5347202;

    /// <summary>
    /// Runs <paramref name="change"/> in one transaction, recording every revision as <paramref name="actor"/>
    /// (and as <paramref name="action"/> instead of each operation's own action, e.g. IMPORT).
    /// A change refuses itself by throwing <see cref="EditRejectedException"/>: nothing is written.
    /// </summary>
    public async Task<EditResult<T>> WriteAsync<T>(
        string actor, Func<EditSession, CancellationToken, Task<T>> change, CancellationToken ct = default, RevisionAction? action = null)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            // Writers take turns, so revision numbers follow the last one without a gap: SQLite's serializable transaction
            // is BEGIN IMMEDIATE (the write lock); PostgreSQL's writers queue on an advisory lock held to the transaction's
            // end, reading committed data once they hold it (a serializable snapshot would predate the wait).
            var postgres = db.Database.IsNpgsql();
            await using var transaction = await db.Database.BeginTransactionAsync(
                postgres ? System.Data.IsolationLevel.ReadCommitted : System.Data.IsolationLevel.Serializable, token);
            try
            {
                if (postgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriterLock})", token);
                var (number, instant) = await NextAsync(token);
                var session = new EditSession(db, actor, action, number, instant);
                var value = await change(session, token);
                var numbers = await session.CompleteAsync(token);
                await transaction.CommitAsync(CancellationToken.None); // once committing, finish: the change is the editor's
                return new EditResult<T>(value, numbers, []);
            }
            catch (EditRejectedException rejected)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new EditResult<T>(default, [], rejected.Problems);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }, ct);

        if (result.Revisions.Count > 0)
        {
            logger.LogInformation("{Actor} committed revisions {First}–{Last}", actor, result.Revisions[0], result.Revisions[^1]);
            try { notifier.Committed(result.Revisions); }
            catch (Exception e) { logger.LogError(e, "A change notifier failed after revisions {First}–{Last} committed", result.Revisions[0], result.Revisions[^1]); }
        }
        return result;
    }

    /// <summary>
    /// The number and time of the change's first revision: the next number after the last, and now to the microsecond
    /// (what PostgreSQL keeps) but always after the last revision, so "as of" any revision's time is exactly that revision.
    /// </summary>
    private async Task<(int Number, DateTime At)> NextAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % EditSession.Microsecond, DateTimeKind.Utc);
        var last = await db.Revisions.OrderByDescending(r => r.Number).Select(r => new { r.Number, r.At }).FirstOrDefaultAsync(ct);
        if (last is null) return (1, now);
        return (last.Number + 1, last.At >= now ? last.At.AddTicks(EditSession.Microsecond) : now);
    }
}
