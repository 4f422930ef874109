using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Editing;

/// <summary>The graph rebuilt from the history alone: every subject's latest image up to a revision.</summary>
public sealed record ReplayedGraph(int Revision, IReadOnlyList<Entity> Entities, IReadOnlyList<Relation> Relations);

/// <summary>
/// Replays the revisions: the graph as it stood at revision N is, for every entity and relation, the image its
/// latest revision up to N left (none when that revision deleted it), with the same surrogate ids — so orders,
/// cursors and relation ids come out as they were. It serves "as of" reads (<see cref="WriteToAsync"/> fills an
/// empty database with it) and the check that the history accounts for every stored row (<see cref="DifferencesAsync"/>).
/// </summary>
public static class GraphReplay
{
    /// <summary>The number of the latest revision (0 before any).</summary>
    public static async Task<int> HeadAsync(SmartCityDbContext db, CancellationToken ct = default) =>
        await db.Revisions.OrderByDescending(r => r.Number).Select(r => r.Number).FirstOrDefaultAsync(ct);

    /// <summary>The latest revision at or before <paramref name="instant"/> (0 when there is none).</summary>
    public static async Task<int> RevisionAtAsync(SmartCityDbContext db, DateTime instant, CancellationToken ct = default)
    {
        var utc = instant.ToUniversalTime();
        return await db.Revisions.Where(r => r.At <= utc).OrderByDescending(r => r.At).Select(r => r.Number).FirstOrDefaultAsync(ct);
    }

    public static async Task<ReplayedGraph> StateAtAsync(SmartCityDbContext db, int revision, CancellationToken ct = default)
    {
        var latest = db.Revisions.Where(r => r.Number <= revision)
            .GroupBy(r => new { r.SubjectType, r.SubjectRowId })
            .Select(g => g.Max(r => r.Number));
        var images = await db.Revisions.AsNoTracking()
            .Where(r => latest.Contains(r.Number) && r.After != null)
            .OrderBy(r => r.SubjectRowId)
            .Select(r => new { r.SubjectType, r.SubjectRowId, r.After, r.Number, r.At })
            .ToListAsync(ct);

        var entities = images.Where(i => i.SubjectType == RevisionSubject.Entity).Select(i =>
        {
            var entity = RevisionImages.Entity(i.After!, i.SubjectRowId);
            (entity.Revision, entity.RevisedAt) = (i.Number, i.At);
            return entity;
        }).ToList();
        var byReference = entities.ToDictionary(RevisionImages.Reference);
        var relations = new List<Relation>();
        foreach (var image in images.Where(i => i.SubjectType == RevisionSubject.Relation))
        {
            var relation = RevisionImages.Relation(image.After!);
            relations.Add(new Relation
            {
                Id = image.SubjectRowId, Type = relation.Type, Role = relation.Role, ValidFrom = relation.ValidFrom, ValidTo = relation.ValidTo,
                FromId = byReference[relation.From].Id, ToId = byReference[relation.To].Id, Sources = [.. relation.Sources], Version = relation.Version,
            });
        }
        return new ReplayedGraph(revision, entities, relations);
    }

    /// <summary>
    /// Writes the graph as it stood at <paramref name="revision"/> — its entities, relations and the revisions up to
    /// it — into <paramref name="target"/>, an empty database with the same schema.
    /// </summary>
    public static async Task WriteToAsync(SmartCityDbContext source, int revision, SmartCityDbContext target, CancellationToken ct = default) =>
        await WriteToAsync(source, await StateAtAsync(source, revision, ct), target, ct);

    /// <summary>As above, with the state already replayed.</summary>
    public static async Task WriteToAsync(SmartCityDbContext source, ReplayedGraph state, SmartCityDbContext target, CancellationToken ct = default)
    {
        var revision = state.Revision;
        var history = await source.Revisions.AsNoTracking().Where(r => r.Number <= revision).OrderBy(r => r.Number).ToListAsync(ct);
        await using var transaction = await target.Database.BeginTransactionAsync(ct);
        target.AddRange(state.Entities);
        target.AddRange(state.Relations);
        target.AddRange(history);
        await target.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        target.ChangeTracker.Clear();
    }

    /// <summary>
    /// Where the stored graph and the replay of its whole history differ (empty when the history accounts for
    /// every row exactly): rows without history, rows whose content differs from their latest image, images without rows.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(SmartCityDbContext db, CancellationToken ct = default)
    {
        var replayed = await StateAtAsync(db, await HeadAsync(db, ct), ct);
        var differences = new List<string>();
        var stored = await db.Entities.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        Compare("entity", stored, replayed.Entities.ToDictionary(e => e.Id), e => $"{RevisionImages.Of(e)} revision {e.Revision} at {e.RevisedAt:O}", differences);
        var ends = stored.Values.ToDictionary(e => e.Id);
        var storedRelations = await db.Relations.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        Compare("relation", storedRelations, replayed.Relations.ToDictionary(r => r.Id),
            r => ends.TryGetValue(r.FromId, out var from) && ends.TryGetValue(r.ToId, out var to) ? RevisionImages.Of(r, from, to) : $"dangling {r.Id}",
            differences);
        return differences;
    }

    /// <summary>Whether the history accounts for every stored row (else "as of" reads would leave rows out).</summary>
    public static async Task<bool> CoversStoredGraphAsync(SmartCityDbContext db, CancellationToken ct = default)
    {
        var latest = db.Revisions.GroupBy(r => new { r.SubjectType, r.SubjectRowId }).Select(g => g.Max(r => r.Number));
        var live = await db.Revisions.Where(r => latest.Contains(r.Number) && r.After != null)
            .GroupBy(r => r.SubjectType).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(ct);
        var entities = live.FirstOrDefault(l => l.Type == RevisionSubject.Entity)?.Count ?? 0;
        var relations = live.FirstOrDefault(l => l.Type == RevisionSubject.Relation)?.Count ?? 0;
        return entities == await db.Entities.CountAsync(ct) && relations == await db.Relations.CountAsync(ct);
    }

    private static void Compare<T>(string what, Dictionary<int, T> stored, Dictionary<int, T> replayed, Func<T, string> image, List<string> differences)
    {
        foreach (var (id, row) in stored)
        {
            if (!replayed.TryGetValue(id, out var again)) differences.Add($"{what} {id} is stored but has no history");
            else if (image(row) != image(again)) differences.Add($"{what} {id} differs from its latest revision: stored {image(row)}, replayed {image(again)}");
        }
        foreach (var id in replayed.Keys.Where(id => !stored.ContainsKey(id)))
            differences.Add($"{what} {id} exists in the history but is not stored");
    }
}
