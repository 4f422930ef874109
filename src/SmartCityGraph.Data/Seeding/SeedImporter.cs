using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Seeding;

/// <param name="Imported">Whether the seed was applied (false: the database already holds this seed, or was filled otherwise).</param>
/// <param name="Changes">The revisions the import recorded: one per entity or relation it created, changed or removed.</param>
public sealed record ImportResult(bool Imported, int Entities, int Relations, int Changes = 0);

/// <summary>
/// Brings a checked seed into the database through the write path, as IMPORT revisions, all in one transaction.
/// Only what the seed changed is written: a record is compared with what the previous import wrote for it (its
/// latest IMPORT image), not with its current state, so a record the seed did not change keeps its editors' changes
/// (and stays deleted if an editor deleted it). Importing the same seed again records nothing.
/// </summary>
public sealed class SeedImporter(SmartCityDbContext db, GraphWriter writer, ILogger<SeedImporter> logger)
{
    public const string Actor = "seed import";

    /// <summary>
    /// At start-up: imports the configured seed into an empty database and applies a changed seed to a database the
    /// start-up seeding filled. A database filled otherwise (the <c>generate</c> verb) or last imported by an operator
    /// (the <c>import</c> verb) is left alone: restarting the server must not undo an operator's import.
    /// </summary>
    public async Task<ImportResult> ImportOnStartAsync(string directory, CancellationToken ct = default)
    {
        var comment = StartUpComment(SeedVersion.Of(directory));
        if (await db.Entities.AnyAsync(ct))
        {
            var lastImport = await db.Revisions.Where(r => r.Action == RevisionAction.Import)
                .OrderByDescending(r => r.Number).Select(r => r.Comment).FirstOrDefaultAsync(ct);
            if (!ImportsOnStartWith(hasEntities: true, lastImport, comment)) return new ImportResult(false, 0, 0);
        }
        return await ApplySeedAsync(directory, comment, ct);
    }

    /// <summary>
    /// Whether <see cref="ImportOnStartAsync"/> would import <paramref name="directory"/>, given whether the database
    /// holds any entity and the comment of its latest IMPORT revision (for a check that reads those without EF Core).
    /// </summary>
    public static bool ImportsOnStart(bool hasEntities, string? lastImportComment, string directory) =>
        ImportsOnStartWith(hasEntities, lastImportComment, StartUpComment(SeedVersion.Of(directory)));

    /// <summary>An empty database is seeded; one the start-up seeding filled takes a changed seed; any other is left alone.</summary>
    private static bool ImportsOnStartWith(bool hasEntities, string? lastImportComment, string comment)
    {
        if (!hasEntities) return true;
        var seededAtStartUp = lastImportComment?.StartsWith(StartUpCommentPrefix, StringComparison.Ordinal) == true;
        return seededAtStartUp && lastImportComment != comment;
    }

    /// <summary>An operator's import (the <c>import</c> verb): applies the seed's difference from the previous import (on an empty database: all of it).</summary>
    public Task<ImportResult> ImportAsync(string directory, CancellationToken ct = default) =>
        ApplySeedAsync(directory, $"import of {Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))}, data set {SeedVersion.Of(directory)}", ct);

    private const string StartUpCommentPrefix = "seed import, data set ";

    /// <summary>The comment of every IMPORT revision the start-up seeding records, naming the seed's version (how start-up knows the seed changed).</summary>
    private static string StartUpComment(string seedVersion) => StartUpCommentPrefix + seedVersion;

    private async Task<ImportResult> ApplySeedAsync(string directory, string comment, CancellationToken ct)
    {
        var seed = SeedReader.Read(directory); // throws before anything is written
        var result = await writer.WriteAsync(Actor, (session, token) => ApplyAsync(session, seed, comment, token), ct, RevisionAction.Import);
        if (!result.Succeeded)
            throw new SeedValidationException([.. result.Problems.Select(p => new SeedProblem("-", "-", p is ValidationProblem v ? v.Field : "-", p.Message))]);
        logger.LogInformation("Imported {Directory}: {Changes} changes ({Entities} entities and {Relations} relations in the seed)",
            directory, result.Revisions.Count, seed.Entities.Count, seed.Relations.Count);
        return new ImportResult(true, seed.Entities.Count, seed.Relations.Count, result.Revisions.Count);
    }

    private async Task<bool> ApplyAsync(EditSession session, SeedData seed, string comment, CancellationToken ct)
    {
        var live = (await db.Entities.AsNoTracking().Select(e => new { e.Kind, e.Key }).ToListAsync(ct)).Select(e => (e.Kind, e.Key)).ToHashSet();
        var importedEntities = await LatestImportImagesAsync(RevisionSubject.Entity, ct);
        var entityImages = importedEntities.Where(i => i.After is not null)
            .ToDictionary(i => (i.Kind!.Value, i.Key), i => RevisionImages.Content(i.After!));
        var inSeed = new HashSet<(NodeKind, string)>();

        var created = new List<EntityDraft>();
        foreach (var entity in seed.Entities)
        {
            var key = (entity.Kind, entity.Key);
            inSeed.Add(key);
            var unchanged = entityImages.TryGetValue(key, out var image) && image == RevisionImages.Content(RevisionImages.Of(entity));
            if (unchanged) continue; // the seed did not change it: editors' changes (and deletions) stand
            if (live.Contains(key))
                await session.UpdateAsync(entity.Kind, entity.Key, null, e => CopyContent(entity, e), entity.Sources, comment, ct, replaceSources: true);
            else
                created.Add(new EntityDraft(WithoutRelations(entity), entity.Sources, entity.Key));
        }
        if (created.Count > 0) await session.CreateManyAsync(created, comment, ct);

        await ApplyRelationsAsync(session, seed, comment, ct);

        // What an earlier import brought and this seed no longer holds goes (with any relations it still has).
        foreach (var gone in entityImages.Keys.Where(k => !inSeed.Contains(k) && live.Contains(k)))
            await session.DeleteAsync(gone.Item1, gone.Item2, null, comment, ct);
        return true;
    }

    private async Task ApplyRelationsAsync(EditSession session, SeedData seed, string comment, CancellationToken ct)
    {
        var live = (await db.Relations.AsNoTracking().Include(r => r.From).Include(r => r.To).ToListAsync(ct))
            .GroupBy(r => Identity(RevisionImages.Reference(r.From), r.Type, RevisionImages.Reference(r.To), r.Role))
            .ToDictionary(g => g.Key, g => g.First());
        var imported = (await LatestImportImagesAsync(RevisionSubject.Relation, ct))
            .Where(i => i.After is not null)
            .Select(i => (Image: RevisionImages.Relation(i.After!), Content: RevisionImages.Content(i.After!)))
            .GroupBy(r => Identity(r.Image.From, r.Image.Type, r.Image.To, r.Image.Role))
            .ToDictionary(g => g.Key, g => g.Last().Content);
        var inSeed = new HashSet<string>();
        var added = new List<RelationDraft>();

        foreach (var relation in seed.Relations)
        {
            var from = RevisionImages.Reference(relation.From);
            var to = RevisionImages.Reference(relation.To);
            var identity = Identity(from, relation.Type, to, relation.Role);
            inSeed.Add(identity);
            var seedContent = RevisionImages.Content(RevisionImages.Of(relation, relation.From, relation.To));
            if (imported.TryGetValue(identity, out var previous) && previous == seedContent) continue;
            if (live.TryGetValue(identity, out var existing))
                await session.UpdateRelationAsync(existing.Id, null, r => { r.ValidFrom = relation.ValidFrom; r.ValidTo = relation.ValidTo; },
                    relation.Sources, comment, ct, replaceSources: true);
            else
                added.Add(new RelationDraft(relation.Type, (relation.From.Kind, relation.From.Key), (relation.To.Kind, relation.To.Key),
                    relation.Role, relation.ValidFrom, relation.ValidTo, relation.Sources));
        }
        if (added.Count > 0) await session.AddRelationsAsync(added, comment, ct);

        foreach (var gone in imported.Keys.Where(k => !inSeed.Contains(k) && live.ContainsKey(k)))
            await session.RemoveRelationAsync(live[gone].Id, null, comment, ct);
    }

    /// <summary>The latest IMPORT revision of every subject the imports touched, oldest first.</summary>
    private async Task<List<(NodeKind? Kind, string Key, string? After)>> LatestImportImagesAsync(RevisionSubject type, CancellationToken ct)
    {
        var latest = db.Revisions.Where(r => r.Action == RevisionAction.Import && r.SubjectType == type)
            .GroupBy(r => r.SubjectRowId).Select(g => g.Max(r => r.Number));
        var rows = await db.Revisions.AsNoTracking().Where(r => latest.Contains(r.Number)).OrderBy(r => r.Number)
            .Select(r => new { r.SubjectKind, r.SubjectKey, r.After }).ToListAsync(ct);
        return [.. rows.Select(r => (r.SubjectKind, r.SubjectKey, r.After))];
    }

    private static string Identity(string from, RelationType type, string to, string? role) => $"{from}|{type}|{to}|{role}";

    /// <summary>Every field of <paramref name="seed"/> onto <paramref name="stored"/>, keeping the stored row's id and version.</summary>
    private void CopyContent(Entity seed, Entity stored)
    {
        seed.Id = stored.Id;
        seed.Version = stored.Version;
        db.Entry(stored).CurrentValues.SetValues(seed);
        stored.Sources = seed.Sources;
    }

    /// <summary>The seed wires relations onto its entities; the write path adds them itself.</summary>
    private static Entity WithoutRelations(Entity entity)
    {
        entity.OutgoingRelations = [];
        entity.IncomingRelations = [];
        return entity;
    }
}
