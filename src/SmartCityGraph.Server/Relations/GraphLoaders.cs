using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.Server.Relations;

/// <summary>
/// The request's batched reads of the graph: entities by id or key, neighbours along relations,
/// and pages of neighbours and relations per parent. Each call adds a key to a batch; each batch is
/// one SQL statement however many parents asked.
/// </summary>
public sealed class GraphLoaders(SmartCityDbContext db, RequestLoaders loaders)
{
    public IDataLoaderResult<Entity?> EntityById(int id) =>
        loaders.GetOrAdd<int, Entity?>("entity-by-id", async (ids, ct) =>
            await db.Entities.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (Entity?)e, ct),
            missing: null).Load(id);

    public IDataLoaderResult<Entity?> EntityByKey(NodeKind kind, string key) =>
        loaders.GetOrAdd<string, Entity?>($"entity-by-key|{kind}", async (keys, ct) =>
            await db.Entities.AsNoTracking().Where(e => e.Kind == kind && keys.Contains(e.Key)).ToDictionaryAsync(e => e.Key, e => (Entity?)e, ct),
            missing: null).Load(key);

    /// <summary>All neighbours of an entity along <paramref name="spec"/>, in relation order (for small, unpaged lists).</summary>
    public IDataLoaderResult<IReadOnlyList<Entity>> Neighbours(int id, RelationSpec spec) =>
        loaders.GetOrAdd<int, IReadOnlyList<Entity>>($"neighbours|{spec.Name}", (ids, ct) => FetchNeighbours(ids, spec, ct), missing: [])
            .Load(id);

    public IDataLoaderResult<TNeighbour?> Neighbour<TNeighbour>(int id, RelationSpec spec) where TNeighbour : Entity =>
        Neighbours(id, spec).Then(list => list.OfType<TNeighbour>().FirstOrDefault());

    public IDataLoaderResult<IEnumerable<TNeighbour>> NeighbourList<TNeighbour>(int id, RelationSpec spec) where TNeighbour : Entity =>
        Neighbours(id, spec).Then(list => list.OfType<TNeighbour>());

    /// <summary>A page of an entity's neighbours of kind <typeparamref name="TChild"/>, keyset-paged by id.</summary>
    public IDataLoaderResult<Connection<TChild>> NeighbourPage<TChild>(int id, RelationSpec spec, PageRequest page, string scope)
        where TChild : Entity
    {
        var loader = loaders.GetOrAdd<int, Connection<TChild>>($"neighbour-page|{spec.Name}|{typeof(TChild).Name}|{page.CacheKey}|{scope}",
            async (ids, ct) =>
            {
                var rows = await PagedChildren<TChild>(ids, spec, page).ToListAsync(ct);
                return rows.ToDictionary(r => r.ParentId, r => Connection<TChild>.FromRows(
                    r.Items, page, scope, c => c.Id, () => NeighbourCount<TChild>(r.ParentId, spec)));
            },
            missing: Connection<TChild>.FromRows([], page, scope, c => c.Id, () => new DeferredResult<int>(_ => Task.FromResult(0))));
        return loader.Load(id);
    }

    public IDataLoaderResult<int> NeighbourCount<TChild>(int id, RelationSpec spec) where TChild : Entity =>
        loaders.GetOrAdd<int, int>($"neighbour-count|{spec.Name}|{typeof(TChild).Name}", async (ids, ct) =>
        {
            var types = spec.Types.ToArray();
            var kind = spec.TargetKind;
            var parents = db.Entities.Where(p => ids.Contains(p.Id));
            var counts = spec.Direction == Direction.Out
                ? parents.Select(p => new { p.Id, Count = p.OutgoingRelations.Where(r => types.Contains(r.Type) && r.To.Kind == kind).Select(r => r.ToId).Distinct().Count() })
                : parents.Select(p => new { p.Id, Count = p.IncomingRelations.Where(r => types.Contains(r.Type) && r.From.Kind == kind).Select(r => r.FromId).Distinct().Count() });
            return await counts.ToDictionaryAsync(r => r.Id, r => r.Count, ct);
        }, missing: 0).Load(id);

    /// <summary>A page of the relations touching an entity, keyset-paged by relation id.</summary>
    public IDataLoaderResult<Connection<Relation>> RelationPage(int id, Direction direction, IReadOnlyList<RelationType>? types, PageRequest page, string scope)
    {
        var typeFilter = types is { Count: > 0 } ? types.ToArray() : null;
        var name = $"relation-page|{direction}|{TypesName(typeFilter)}|{page.CacheKey}|{scope}";
        var loader = loaders.GetOrAdd<int, Connection<Relation>>(name, async (ids, ct) =>
        {
            var outgoing = direction == Direction.In ? [] : await RelationRows(ids, Direction.Out, typeFilter, page, ct);
            var incoming = direction == Direction.Out ? [] : await RelationRows(ids, Direction.In, typeFilter, page, ct);
            // BOTH merges two windows of the same order: the first n+1 of the union are among them.
            return ids.Distinct().ToDictionary(parent => parent, parent =>
            {
                var rows = outgoing.GetValueOrDefault(parent, []).Concat(incoming.GetValueOrDefault(parent, []));
                var ordered = (page.Backward ? rows.OrderByDescending(r => r.Id) : rows.OrderBy(r => r.Id)).Take(page.Size + 1).ToList();
                return Connection<Relation>.FromRows(ordered, page, scope, r => r.Id, () => RelationCount(parent, direction, typeFilter));
            });
        }, missing: Connection<Relation>.FromRows([], page, scope, x => x.Id, () => new DeferredResult<int>(_ => Task.FromResult(0))));
        return loader.Load(id);
    }

    private async Task<Dictionary<int, List<Relation>>> RelationRows(
        IReadOnlyList<int> ids, Direction direction, RelationType[]? typeFilter, PageRequest page, CancellationToken ct)
    {
        var lower = (int?)page.After?.Key ?? int.MinValue;
        var upper = (int?)page.Before?.Key ?? int.MaxValue;
        var take = page.Size + 1;
        var parents = db.Entities.Where(p => ids.Contains(p.Id));
        // Navigations (not correlated subqueries) let EF window per parent (ROW_NUMBER), which SQLite runs; it has no APPLY.
        var rows = (direction, page.Backward) switch
        {
            (Direction.Out, false) => parents.Select(p => new RelationRowsOf(p.Id, p.OutgoingRelations
                .Where(r => (typeFilter == null || typeFilter.Contains(r.Type)) && r.Id > lower && r.Id < upper).OrderBy(r => r.Id).Take(take).ToList())),
            (Direction.Out, true) => parents.Select(p => new RelationRowsOf(p.Id, p.OutgoingRelations
                .Where(r => (typeFilter == null || typeFilter.Contains(r.Type)) && r.Id > lower && r.Id < upper).OrderByDescending(r => r.Id).Take(take).ToList())),
            (_, false) => parents.Select(p => new RelationRowsOf(p.Id, p.IncomingRelations
                .Where(r => (typeFilter == null || typeFilter.Contains(r.Type)) && r.Id > lower && r.Id < upper).OrderBy(r => r.Id).Take(take).ToList())),
            (_, true) => parents.Select(p => new RelationRowsOf(p.Id, p.IncomingRelations
                .Where(r => (typeFilter == null || typeFilter.Contains(r.Type)) && r.Id > lower && r.Id < upper).OrderByDescending(r => r.Id).Take(take).ToList())),
        };
        return await rows.ToDictionaryAsync(r => r.ParentId, r => r.Items, ct);
    }

    private sealed record RelationRowsOf(int ParentId, List<Relation> Items);

    private IDataLoaderResult<int> RelationCount(int id, Direction direction, RelationType[]? typeFilter) =>
        loaders.GetOrAdd<int, int>($"relation-count|{direction}|{TypesName(typeFilter)}", async (ids, ct) =>
            await db.Entities.Where(p => ids.Contains(p.Id)).Select(p => new
            {
                p.Id,
                Count = (direction == Direction.In ? 0 : p.OutgoingRelations.Count(r => typeFilter == null || typeFilter.Contains(r.Type)))
                      + (direction == Direction.Out ? 0 : p.IncomingRelations.Count(r => typeFilter == null || typeFilter.Contains(r.Type))),
            }).ToDictionaryAsync(r => r.Id, r => r.Count, ct),
            missing: 0).Load(id);

    private static string TypesName(RelationType[]? types) => types is null ? "*" : string.Join(",", types);

    private async Task<IReadOnlyDictionary<int, IReadOnlyList<Entity>>> FetchNeighbours(IReadOnlyList<int> ids, RelationSpec spec, CancellationToken ct)
    {
        var types = spec.Types.ToArray();
        var kind = spec.TargetKind;
        var relations = db.Relations.AsNoTracking().Where(r => types.Contains(r.Type));
        var outgoing = relations.Where(r => ids.Contains(r.FromId) && (kind == null || r.To.Kind == kind))
            .Select(r => new { RelationId = r.Id, Owner = r.FromId, Neighbour = r.To });
        var incoming = relations.Where(r => ids.Contains(r.ToId) && (kind == null || r.From.Kind == kind))
            .Select(r => new { RelationId = r.Id, Owner = r.ToId, Neighbour = r.From });
        var query = spec.Direction switch
        {
            Direction.Out => outgoing,
            Direction.In => incoming,
            _ => outgoing.Concat(incoming),
        };
        var rows = await query.ToListAsync(ct);
        return rows.OrderBy(r => r.RelationId)
            .GroupBy(r => r.Owner)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Entity>)g.Select(r => r.Neighbour).DistinctBy(e => e.Id).ToList());
    }

    private IQueryable<ChildRows<TChild>> PagedChildren<TChild>(IReadOnlyList<int> ids, RelationSpec spec, PageRequest page) where TChild : Entity
    {
        if (spec.Direction == Direction.Both) throw new ArgumentException("Paged neighbours walk one direction.", nameof(spec));
        var types = spec.Types.ToArray();
        var kind = spec.TargetKind;
        var lower = (int?)page.After?.Key ?? int.MinValue;
        var upper = (int?)page.Before?.Key ?? int.MaxValue;
        var take = page.Size + 1;
        var parents = db.Entities.Where(p => ids.Contains(p.Id));
        // Written out per case: EF turns these navigations into one query windowed per parent (SQLite has no APPLY).
        return (spec.Direction, page.Backward) switch
        {
            (Direction.Out, false) => parents.Select(p => new ChildRows<TChild>(p.Id, p.OutgoingRelations
                .Where(r => types.Contains(r.Type) && r.To.Kind == kind && r.ToId > lower && r.ToId < upper)
                .OrderBy(r => r.ToId).Take(take).Select(r => (TChild)r.To).ToList())),
            (Direction.Out, true) => parents.Select(p => new ChildRows<TChild>(p.Id, p.OutgoingRelations
                .Where(r => types.Contains(r.Type) && r.To.Kind == kind && r.ToId > lower && r.ToId < upper)
                .OrderByDescending(r => r.ToId).Take(take).Select(r => (TChild)r.To).ToList())),
            (_, false) => parents.Select(p => new ChildRows<TChild>(p.Id, p.IncomingRelations
                .Where(r => types.Contains(r.Type) && r.From.Kind == kind && r.FromId > lower && r.FromId < upper)
                .OrderBy(r => r.FromId).Take(take).Select(r => (TChild)r.From).ToList())),
            (_, true) => parents.Select(p => new ChildRows<TChild>(p.Id, p.IncomingRelations
                .Where(r => types.Contains(r.Type) && r.From.Kind == kind && r.FromId > lower && r.FromId < upper)
                .OrderByDescending(r => r.FromId).Take(take).Select(r => (TChild)r.From).ToList())),
        };
    }

    private sealed record ChildRows<TChild>(int ParentId, List<TChild> Items);
}
