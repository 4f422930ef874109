using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Editing;

/// <summary>
/// The operations of one change, inside <see cref="GraphWriter.WriteAsync{T}"/>'s transaction. Each validates
/// against the rules (<see cref="GraphRules"/>) and the stored state, applies itself and records a revision;
/// any problem throws <see cref="EditRejectedException"/>, which undoes the whole change.
/// </summary>
public sealed class EditSession
{
    internal const long Microsecond = TimeSpan.TicksPerMillisecond / 1000;

    private readonly SmartCityDbContext db;
    private readonly RevisionAction? actionOverride;
    private readonly List<Revision> revisions = [];
    private int nextNumber;
    private DateTime nextInstant;

    internal EditSession(SmartCityDbContext db, string actor, RevisionAction? actionOverride, int firstNumber, DateTime firstInstant)
    {
        this.db = db;
        Actor = actor;
        this.actionOverride = actionOverride;
        nextNumber = firstNumber;
        nextInstant = firstInstant;
    }

    /// <summary>Who is recorded on every revision of this change.</summary>
    public string Actor { get; }

    /// <summary>The revisions recorded so far (their numbers are known once the change commits).</summary>
    public IReadOnlyList<Revision> Revisions => revisions;

    // ---- entities ----

    /// <summary>
    /// Adds <paramref name="draft"/> with <paramref name="sources"/> as its sources. Its key is <paramref name="key"/>
    /// (the seed's) or a slug of its title that no entity of its kind has ever had, so a global id never comes back
    /// naming something else. A given key that a deleted entity had brings that entity back (its history continues).
    /// </summary>
    public async Task<TEntity> CreateAsync<TEntity>(TEntity draft, IReadOnlyList<Source> sources, string? comment, CancellationToken ct, string? key = null)
        where TEntity : Entity
    {
        await CreateManyAsync([new EntityDraft(draft, sources, key)], comment, ct);
        return draft;
    }

    /// <summary>Adds many entities at once (the seed import): the same checks as <see cref="CreateAsync{TEntity}"/>, a few statements in all.</summary>
    public async Task CreateManyAsync(IReadOnlyList<EntityDraft> drafts, string? comment, CancellationToken ct)
    {
        Check(drafts.SelectMany(d => GraphRules.Title(d.Entity.Title).Concat(GraphRules.Sources(d.Sources))));
        var given = drafts.Where(d => d.Key is not null).Select(d => d.Key!).Distinct().ToList();
        var existing = given.Count == 0 ? [] : (await db.Entities.Where(e => given.Contains(e.Key)).Select(e => new { e.Kind, e.Key }).ToListAsync(ct))
            .Select(e => (e.Kind, e.Key)).ToHashSet();
        var earlier = given.Count == 0 ? [] : (await db.Revisions
                .Where(r => r.SubjectType == RevisionSubject.Entity && given.Contains(r.SubjectKey))
                .Select(r => new { r.SubjectKind, r.SubjectKey, r.SubjectRowId, r.Version, r.Number }).ToListAsync(ct))
            .GroupBy(r => (r.SubjectKind!.Value, r.SubjectKey))
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number)!);
        var chosen = new HashSet<(NodeKind, string)>();
        foreach (var (draft, sources, key) in drafts)
        {
            draft.Key = key ?? await FreeKeyAsync(draft.Kind, KeySlug.From(draft.Title), chosen, ct);
            if (existing.Contains((draft.Kind, draft.Key)) || !chosen.Add((draft.Kind, draft.Key)))
                Reject(new ValidationProblem("key", $"a {draft.Kind} with key '{draft.Key}' exists already"));
            Check(GraphRules.Entity(draft));
            draft.Sources = [.. sources.Select(Copy)];
            draft.Version = 1;
            if (earlier.TryGetValue((draft.Kind, draft.Key), out var last))
            {
                draft.Id = last.SubjectRowId;
                draft.Version = last.Version + 1;
            }
            db.Add(draft);
        }
        var stamps = drafts.Select(d => Stamp(d.Entity)).ToList();
        await SaveAsync(ct);
        foreach (var (draft, stamp) in drafts.Zip(stamps)) Record(stamp, RevisionAction.Create, draft.Entity, null, comment, draft.Sources);
        await FlushAsync(ct);
    }

    /// <summary>
    /// Changes the entity <paramref name="kind"/>:<paramref name="key"/> read at <paramref name="expectedVersion"/>
    /// (null: whatever its version, for the seed import). The change's sources join the entity's own unless
    /// <paramref name="replaceSources"/> (the seed import: the seed says what the sources are).
    /// </summary>
    public async Task<Entity> UpdateAsync(
        NodeKind kind, string key, int? expectedVersion, Action<Entity> change, IReadOnlyList<Source> sources, string? comment,
        CancellationToken ct, bool replaceSources = false)
    {
        Check(GraphRules.Sources(sources));
        var entity = await TrackedEntityAsync(kind, key, expectedVersion, ct);
        var before = RevisionImages.Of(entity);
        change(entity);
        Check(GraphRules.Entity(entity));
        entity.Sources = replaceSources ? [.. sources.Select(Copy)] : Merge(entity.Sources, sources);
        entity.Version++;
        var stamp = Stamp(entity);
        await SaveAsync(ct);
        Record(stamp, RevisionAction.Update, entity, before, comment, sources);
        await FlushAsync(ct);
        return entity;
    }

    /// <summary>Deletes the entity and, first, every relation touching it (each its own revision, same comment).</summary>
    public async Task DeleteAsync(NodeKind kind, string key, int? expectedVersion, string? comment, CancellationToken ct)
    {
        RequireComment(comment);
        var entity = await TrackedEntityAsync(kind, key, expectedVersion, ct);
        await RemoveEntityAsync(entity, RevisionAction.Delete, comment, [], null, ct);
    }

    // ---- relations ----

    public async Task<Relation> AddRelationAsync(
        RelationType type, (NodeKind Kind, string Key) from, (NodeKind Kind, string Key) to, string? role, DateOnly? validFrom, DateOnly? validTo,
        IReadOnlyList<Source> sources, string? comment, CancellationToken ct) =>
        (await AddRelationsAsync([new RelationDraft(type, from, to, role, validFrom, validTo, sources)], comment, ct))[0];

    /// <summary>
    /// Adds relations between existing entities: each type only between the kinds it connects, never twice the same
    /// (from, type, to, role), never to a missing entity (a <see cref="NotFoundProblem"/> for <c>from</c> or <c>to</c>).
    /// </summary>
    public async Task<IReadOnlyList<Relation>> AddRelationsAsync(IReadOnlyList<RelationDraft> drafts, string? comment, CancellationToken ct)
    {
        Check(drafts.SelectMany(d => GraphRules.Sources(d.Sources)));
        var keys = drafts.SelectMany(d => new[] { d.From.Key, d.To.Key }).Distinct().ToList();
        var ends = (await db.Entities.AsNoTracking().Where(e => keys.Contains(e.Key)).ToListAsync(ct)).ToDictionary(e => (e.Kind, e.Key));
        var fromIds = ends.Values.Select(e => e.Id).ToList();
        var present = (await db.Relations.Where(r => fromIds.Contains(r.FromId)).Select(r => new { r.FromId, r.Type, r.ToId, r.Role }).ToListAsync(ct))
            .Select(r => (r.FromId, r.Type, r.ToId, r.Role)).ToHashSet();
        var added = new List<(Relation Relation, Entity From, Entity To, IReadOnlyList<Source> Sources)>();
        foreach (var draft in drafts)
        {
            var from = ends.GetValueOrDefault(draft.From) ?? throw Rejection(new NotFoundProblem("from", $"There is no {draft.From.Kind} '{draft.From.Key}'."));
            var to = ends.GetValueOrDefault(draft.To) ?? throw Rejection(new NotFoundProblem("to", $"There is no {draft.To.Kind} '{draft.To.Key}'."));
            Check(GraphRules.Relation(draft.Type, from, to, draft.ValidFrom, draft.ValidTo));
            if (!present.Add((from.Id, draft.Type, to.Id, draft.Role)))
                Reject(new ValidationProblem("to", $"{RevisionImages.Reference(from)} {GraphRules.ScreamingSnake(draft.Type)} {RevisionImages.Reference(to)}" +
                                                   (draft.Role is null ? "" : $" as '{draft.Role}'") + " exists already"));
            var relation = new Relation
            {
                Type = draft.Type, FromId = from.Id, ToId = to.Id, Role = draft.Role, ValidFrom = draft.ValidFrom, ValidTo = draft.ValidTo,
                Sources = [.. draft.Sources.Select(Copy)],
            };
            db.Relations.Add(relation);
            added.Add((relation, from, to, draft.Sources));
        }
        await SaveAsync(ct);
        foreach (var (relation, from, to, sources) in added) Record(RevisionAction.Create, relation, from, to, null, comment, sources);
        await FlushAsync(ct);
        return [.. added.Select(a => a.Relation)];
    }

    /// <summary>Changes a relation's role, validity or sources (its type and ends never change: remove it and add another).</summary>
    public async Task<Relation> UpdateRelationAsync(
        int id, int? expectedVersion, Action<Relation> change, IReadOnlyList<Source> sources, string? comment, CancellationToken ct, bool replaceSources = false)
    {
        Check(GraphRules.Sources(sources));
        var relation = await TrackedRelationAsync(id, expectedVersion, ct);
        var before = RevisionImages.Of(relation, relation.From, relation.To);
        change(relation);
        Check(GraphRules.Relation(relation.Type, relation.From, relation.To, relation.ValidFrom, relation.ValidTo));
        relation.Sources = replaceSources ? [.. sources.Select(Copy)] : Merge(relation.Sources, sources);
        relation.Version++;
        await SaveAsync(ct);
        Record(RevisionAction.Update, relation, relation.From, relation.To, before, comment, sources);
        await FlushAsync(ct);
        return relation;
    }

    public async Task RemoveRelationAsync(int id, int? expectedVersion, string? comment, CancellationToken ct)
    {
        RequireComment(comment);
        var relation = await TrackedRelationAsync(id, expectedVersion, ct);
        RemoveRelation(relation, RevisionAction.Delete, comment, [], null);
        await FlushAsync(ct);
    }

    // ---- history ----

    /// <summary>
    /// Brings the subject of revision <paramref name="number"/> back to its state before that revision: deletes what it
    /// created, restores what it deleted (with the same id), undoes what it changed — recorded as a REVERT of it.
    /// </summary>
    public async Task<Revision> RevertAsync(int number, string? comment, CancellationToken ct)
    {
        RequireComment(comment);
        var reverted = await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.Number == number, ct)
                       ?? throw Rejection(new NotFoundProblem("revision", $"There is no revision {number}."));
        var count = revisions.Count;
        if (reverted.SubjectType == RevisionSubject.Entity)
            await RevertEntityAsync(reverted, comment, ct);
        else
            await RevertRelationAsync(reverted, comment, ct);
        await FlushAsync(ct);
        return revisions.Count > count
            ? revisions[^1]
            : throw Rejection(new ValidationProblem("revision", $"Revision {number} changed nothing that could be undone."));
    }

    private async Task RevertEntityAsync(Revision reverted, string? comment, CancellationToken ct)
    {
        var current = await db.Entities.AsTracking().SingleOrDefaultAsync(e => e.Id == reverted.SubjectRowId, ct);
        var subject = $"{reverted.SubjectKind}:{reverted.SubjectKey}";
        if (reverted.Before is null)
        {
            if (current is null) Reject(new ValidationProblem("revision", $"{subject}, which revision {reverted.Number} created, no longer exists."));
            await RemoveEntityAsync(current!, RevisionAction.Revert, comment, reverted.Sources, reverted.Number, ct);
            return;
        }
        var restored = RevisionImages.Entity(reverted.Before, reverted.SubjectRowId);
        if (current is null)
        {
            restored.Version = (await LastOfAsync(RevisionSubject.Entity, restored.Kind, restored.Key, ct)).Version + 1;
            db.Add(restored);
            var restoredStamp = Stamp(restored);
            await SaveAsync(ct);
            Record(restoredStamp, RevisionAction.Revert, restored, null, comment, reverted.Sources, reverted.Number);
            return;
        }
        var before = RevisionImages.Of(current);
        restored.Version = current.Version + 1;
        db.Entry(current).CurrentValues.SetValues(restored);
        current.Sources = restored.Sources;
        var stamp = Stamp(current);
        await SaveAsync(ct);
        Record(stamp, RevisionAction.Revert, current, before, comment, reverted.Sources, reverted.Number);
    }

    private async Task RevertRelationAsync(Revision reverted, string? comment, CancellationToken ct)
    {
        var current = await db.Relations.AsTracking().Include(r => r.From).Include(r => r.To).SingleOrDefaultAsync(r => r.Id == reverted.SubjectRowId, ct);
        if (reverted.Before is null)
        {
            if (current is null) Reject(new ValidationProblem("revision", $"Relation {reverted.SubjectKey}, which revision {reverted.Number} added, no longer exists."));
            RemoveRelation(current!, RevisionAction.Revert, comment, reverted.Sources, reverted.Number);
            return;
        }
        var image = RevisionImages.Relation(reverted.Before);
        if (current is null)
        {
            var from = await EntityAsync(Parse(image.From), "revision", ct);
            var to = await EntityAsync(Parse(image.To), "revision", ct);
            var restored = new Relation
            {
                Id = reverted.SubjectRowId, Type = image.Type, FromId = from.Id, ToId = to.Id, Role = image.Role,
                ValidFrom = image.ValidFrom, ValidTo = image.ValidTo, Sources = [.. image.Sources.Select(Copy)],
                Version = (await LastOfAsync(RevisionSubject.Relation, null, reverted.SubjectKey, ct)).Version + 1,
            };
            db.Relations.Add(restored);
            await SaveAsync(ct);
            Record(RevisionAction.Revert, restored, from, to, null, comment, reverted.Sources, reverted.Number);
            return;
        }
        var before = RevisionImages.Of(current, current.From, current.To);
        current.Role = image.Role;
        current.ValidFrom = image.ValidFrom;
        current.ValidTo = image.ValidTo;
        current.Sources = [.. image.Sources.Select(Copy)];
        current.Version++;
        await SaveAsync(ct);
        Record(RevisionAction.Revert, current, current.From, current.To, before, comment, reverted.Sources, reverted.Number);
    }

    // ---- the machinery ----

    /// <summary>The numbers of the change's revisions; called once by the write path just before it commits.</summary>
    internal async Task<IReadOnlyList<int>> CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        return [.. revisions.Select(r => r.Number)];
    }

    /// <summary>
    /// Saves the operation's revisions and forgets what it tracked: every operation reads what it needs afresh, so the
    /// change tracker stays small however many operations a change has (an import has hundreds).
    /// </summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        await SaveAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task RemoveEntityAsync(Entity entity, RevisionAction action, string? comment, IReadOnlyList<Source> sources, int? reverts, CancellationToken ct)
    {
        var relations = await db.Relations.AsTracking().Include(r => r.From).Include(r => r.To)
            .Where(r => r.FromId == entity.Id || r.ToId == entity.Id).OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var relation in relations)
            RemoveRelation(relation, action, comment, sources, reverts);
        var before = RevisionImages.Of(entity);
        entity.Version++;
        db.Remove(entity);
        await SaveAsync(ct);
        Record(NextStamp(), action, entity, before, comment, sources, reverts, deleted: true);
    }

    private void RemoveRelation(Relation relation, RevisionAction action, string? comment, IReadOnlyList<Source> sources, int? reverts)
    {
        var before = RevisionImages.Of(relation, relation.From, relation.To);
        relation.Version++;
        db.Relations.Remove(relation);
        Record(action, relation, relation.From, relation.To, before, comment, sources, reverts, deleted: true);
    }

    private void Record(RevisionStamp stamp, RevisionAction action, Entity entity, string? before, string? comment, IReadOnlyList<Source> sources,
        int? reverts = null, bool deleted = false) =>
        Add(stamp, new Revision
        {
            Actor = Actor, Action = actionOverride ?? action, SubjectType = RevisionSubject.Entity, SubjectRowId = entity.Id,
            SubjectKind = entity.Kind, SubjectKey = entity.Key, Version = entity.Version,
            Before = before, After = deleted ? null : RevisionImages.Of(entity), Comment = comment, Sources = [.. sources.Select(Copy)], Reverts = reverts,
        });

    private void Record(RevisionAction action, Relation relation, Entity from, Entity to, string? before, string? comment, IReadOnlyList<Source> sources,
        int? reverts = null, bool deleted = false) =>
        Add(NextStamp(), new Revision
        {
            Actor = Actor, Action = actionOverride ?? action, SubjectType = RevisionSubject.Relation, SubjectRowId = relation.Id,
            SubjectKey = relation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), RelationType = relation.Type, Version = relation.Version,
            Before = before, After = deleted ? null : RevisionImages.Of(relation, from, to), Comment = comment, Sources = [.. sources.Select(Copy)], Reverts = reverts,
        });

    private void Add(RevisionStamp stamp, Revision revision)
    {
        (revision.Number, revision.At) = (stamp.Number, stamp.At);
        revisions.Add(revision);
        db.Revisions.Add(revision);
    }

    /// <summary>
    /// The next revision's number and time: numbers follow the last one without a gap, times are a microsecond
    /// apart (the transaction holds the write lock, so no one else numbers meanwhile; where writers do not queue,
    /// a concurrent change makes the serializable transaction fail and the execution strategy retries it).
    /// </summary>
    private RevisionStamp NextStamp()
    {
        var stamp = new RevisionStamp(nextNumber++, nextInstant);
        nextInstant = nextInstant.AddTicks(Microsecond);
        return stamp;
    }

    /// <summary>The next stamp, also written on the entity it changes (its <c>Revision</c> and <c>RevisedAt</c>, which citations name).</summary>
    private RevisionStamp Stamp(Entity entity)
    {
        var stamp = NextStamp();
        (entity.Revision, entity.RevisedAt) = (stamp.Number, stamp.At);
        return stamp;
    }

    private readonly record struct RevisionStamp(int Number, DateTime At);

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            // Another writer changed the row between our read and our write (possible where writers do not queue).
            var entry = e.Entries[0];
            var current = await entry.GetDatabaseValuesAsync(ct);
            Reject(new ConflictProblem(current?.GetValue<int>("Version") ?? 0, "It was changed by someone else meanwhile; read it again."));
        }
    }

    private async Task<Entity> TrackedEntityAsync(NodeKind kind, string key, int? expectedVersion, CancellationToken ct)
    {
        var entity = await db.Entities.AsTracking().SingleOrDefaultAsync(e => e.Kind == kind && e.Key == key, ct)
                     ?? throw Rejection(new NotFoundProblem("id", $"There is no {kind} '{key}'."));
        if (expectedVersion is { } expected && entity.Version != expected)
            Reject(new ConflictProblem(entity.Version, $"{kind} '{key}' is at version {entity.Version}, not {expected}: read it again and reapply the change."));
        return entity;
    }

    private async Task<Relation> TrackedRelationAsync(int id, int? expectedVersion, CancellationToken ct)
    {
        var relation = await db.Relations.AsTracking().Include(r => r.From).Include(r => r.To).SingleOrDefaultAsync(r => r.Id == id, ct)
                       ?? throw Rejection(new NotFoundProblem("id", $"There is no relation {id}."));
        if (expectedVersion is { } expected && relation.Version != expected)
            Reject(new ConflictProblem(relation.Version, $"Relation {id} is at version {relation.Version}, not {expected}: read it again and reapply the change."));
        return relation;
    }

    private async Task<Entity> EntityAsync((NodeKind Kind, string Key) reference, string field, CancellationToken ct) =>
        await db.Entities.AsTracking().SingleOrDefaultAsync(e => e.Kind == reference.Kind && e.Key == reference.Key, ct)
        ?? throw Rejection(new NotFoundProblem(field, $"There is no {reference.Kind} '{reference.Key}'."));

    /// <summary>The subject's row id and last version in the history (0, 0 when it has none).</summary>
    private async Task<(int Row, int Version)> LastOfAsync(RevisionSubject type, NodeKind? kind, string key, CancellationToken ct)
    {
        var last = await db.Revisions.Where(r => r.SubjectType == type && r.SubjectKind == kind && r.SubjectKey == key)
            .OrderByDescending(r => r.Number).Select(r => new { r.SubjectRowId, r.Version }).FirstOrDefaultAsync(ct);
        return last is null ? (0, 0) : (last.SubjectRowId, last.Version);
    }

    /// <summary>The slug, or the slug with the first suffix (-2, -3, …) that no entity of the kind has had, now or before (or is taking in this change).</summary>
    private async Task<string> FreeKeyAsync(NodeKind kind, string slug, HashSet<(NodeKind, string)> chosen, CancellationToken ct)
    {
        var prefix = slug + "-";
        var live = await db.Entities.Where(e => e.Kind == kind && (e.Key == slug || e.Key.StartsWith(prefix))).Select(e => e.Key).ToListAsync(ct);
        var past = await db.Revisions.Where(r => r.SubjectType == RevisionSubject.Entity && r.SubjectKind == kind && (r.SubjectKey == slug || r.SubjectKey.StartsWith(prefix)))
            .Select(r => r.SubjectKey).Distinct().ToListAsync(ct);
        var taken = live.Concat(past).Concat(chosen.Where(c => c.Item1 == kind).Select(c => c.Item2)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }

    private static (NodeKind, string) Parse(string reference) =>
        Seeding.SeedFiles.TryParseReference(reference, out var kind, out var key) ? (kind, key) : throw new FormatException($"'{reference}' is not a reference");

    private static List<Source> Merge(IEnumerable<Source> existing, IEnumerable<Source> added)
    {
        var merged = existing.Select(Copy).ToList();
        foreach (var source in added)
            if (!merged.Any(s => s.Title == source.Title && s.Url == source.Url && s.Note == source.Note && s.RetrievedOn == source.RetrievedOn && s.Publisher == source.Publisher))
                merged.Add(Copy(source));
        return merged;
    }

    private static Source Copy(Source s) => new() { Title = s.Title, Url = s.Url, RetrievedOn = s.RetrievedOn, Publisher = s.Publisher, Note = s.Note };

    private static void RequireComment(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) Reject(new ValidationProblem("comment", "is required: say why"));
    }

    private static void Check(IEnumerable<RuleViolation> violations)
    {
        var problems = violations.Select(v => (EditProblem)new ValidationProblem(v.Field, v.Message)).ToList();
        if (problems.Count > 0) throw new EditRejectedException(problems);
    }

    private static void Reject(EditProblem problem) => throw Rejection(problem);

    private static EditRejectedException Rejection(EditProblem problem) => new([problem]);
}

/// <summary>An entity to add: its fields, the sources of the change (they become its sources) and, for the seed import, its key.</summary>
public sealed record EntityDraft(Entity Entity, IReadOnlyList<Source> Sources, string? Key = null);

/// <summary>A relation to add, its ends named by kind and key.</summary>
public sealed record RelationDraft(
    RelationType Type, (NodeKind Kind, string Key) From, (NodeKind Kind, string Key) To, string? Role, DateOnly? ValidFrom, DateOnly? ValidTo,
    IReadOnlyList<Source> Sources);
