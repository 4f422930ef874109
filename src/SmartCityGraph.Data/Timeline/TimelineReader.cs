using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Timeline;

/// <summary>A dated entity on the timeline: from <see cref="Start"/> to <see cref="End"/> (null: a single day or open).</summary>
public sealed record TimelineEntry(Entity Entity, DateOnly Start, DateOnly? End);

/// <summary>
/// Phases, events and pilots in one chronological list — the original knowledge store's "Zeitschiene" —
/// read in one SQL statement. Entities without a start date are not on it.
/// </summary>
public sealed class TimelineReader(SmartCityDbContext db)
{
    /// <summary>Most entries one read returns (the earliest).</summary>
    public const int MaxEntries = 1_000;

    /// <summary>The kinds that have a period.</summary>
    public static readonly IReadOnlyList<NodeKind> DatedKinds = [NodeKind.Phase, NodeKind.Event, NodeKind.Pilot];

    /// <summary>Entries overlapping <paramref name="from"/>..<paramref name="to"/> (both inclusive, either open), by start, end and id.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(
        DateOnly? from, DateOnly? to, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default)
    {
        var wanted = (kinds is { Count: > 0 } ? kinds : DatedKinds).Intersect(DatedKinds).ToArray();
        var rows = await db.Entities.AsNoTracking()
            .Where(e => wanted.Contains(e.Kind))
            .Select(e => new
            {
                Entity = e,
                Start = e is Event ? (DateOnly?)((Event)e).StartDate : e is Phase ? ((Phase)e).StartDate : ((Pilot)e).StartDate,
                End = e is Event ? ((Event)e).EndDate : e is Phase ? ((Phase)e).EndDate : ((Pilot)e).EndDate,
            })
            .Where(x => x.Start != null && (to == null || x.Start <= to) && (from == null || (x.End ?? x.Start) >= from))
            // A single day (no end) before periods starting the same day, said explicitly: engines order nulls differently.
            .OrderBy(x => x.Start).ThenBy(x => x.End != null).ThenBy(x => x.End).ThenBy(x => x.Entity.Id)
            .Take(MaxEntries)
            .ToListAsync(ct);
        return rows.Select(x => new TimelineEntry(x.Entity, x.Start!.Value, x.End)).ToList();
    }
}
