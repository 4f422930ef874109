using System.Linq.Expressions;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.GraphQL.Sorting;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Relations;

/// <summary>
/// The request's batched reads of the graph: entities by id or key, neighbours along relations,
/// and pages of neighbours and relations per parent. Each call adds a key to a batch; each batch is
/// one SQL statement however many parents asked.
/// </summary>
/// <remarks>
/// The fixed reads (entities by id or key, windows of relations and neighbours, neighbour lists in relation
/// order) go through <see cref="IGraphReader"/>, prepared once; reads with a client's filter or order are
/// composed with EF Core. Whole entities read anywhere in the request answer later lookups of the same ids
/// (<see cref="Remember"/>), so a relation's ends already loaded by a walk or a key lookup cost no statement.
/// </remarks>
public sealed class GraphLoaders(SmartCityDbContext db, IGraphReader reader, RequestLoaders loaders, ParentWindowOptions parentWindows)
{
    private BatchLoader<int, Entity?> EntitiesById => _entitiesById ??= loaders.GetOrAdd<int, Entity?>("entity-by-id", async (ids, ct) =>
        (await reader.EntitiesAsync(ids, ct: ct)).ToDictionary(e => e.Id, e => (Entity?)e), missing: null);

    private BatchLoader<int, Entity?>? _entitiesById;

    public IDataLoaderResult<Entity?> EntityById(int id) => EntitiesById.Load(id);

    /// <summary>
    /// The entity with this id for a selection that reads only <paramref name="members"/> of it (see
    /// <see cref="ProjectionBuilder.ReadsOfValue"/>): one the request has read already, whole or with at least those
    /// members, or else one with only those members, read in one statement with the other ids asked for with the same
    /// members and never remembered as a whole one. Whole, as <see cref="EntityById(int)"/>, when <paramref name="members"/>
    /// is null.
    /// </summary>
    public IDataLoaderResult<Entity?> EntityById(int id, IReadOnlyList<string>? members)
    {
        if (members is null || EntitiesById.Knows(id)) return EntitiesById.Load(id);
        var loader = EntitiesWith(members);
        if (!loader.Knows(id) && _readWithSomeMembers.TryGetValue(id, out var known) && Covers(known.Members, members))
            loader.Prime([new(id, known.Entity)]);
        return loader.Load(id);
    }

    private BatchLoader<int, Entity?> EntitiesWith(IReadOnlyList<string> members)
    {
        if (_entitiesWith.TryGetValue(members, out var loader)) return loader;
        return _entitiesWith[members] = loaders.GetOrAdd<int, Entity?>("entity-by-id|" + string.Join(",", members), async (ids, ct) =>
        {
            var entities = await reader.EntitiesAsync(ids, members, ct);
            foreach (var entity in entities)
            {
                if (!_readWithSomeMembers.TryGetValue(entity.Id, out var known) || Covers(members, known.Members))
                    _readWithSomeMembers[entity.Id] = (entity, members);
            }
            return entities.ToDictionary(e => e.Id, e => (Entity?)e);
        }, missing: null);
    }

    private static bool Covers(IReadOnlyList<string> read, IReadOnlyList<string> wanted)
    {
        foreach (var member in wanted)
            if (!read.Contains(member)) return false;
        return true;
    }

    // By the member list's identity: each field's list is worked out once per document (FieldMemo).
    private readonly Dictionary<object, BatchLoader<int, Entity?>> _entitiesWith = new(ReferenceEqualityComparer.Instance);

    // Entities read with some members only, and those members: they answer later lookups that read no more (a walk's
    // nodes, asked for again as the ends of its relations).
    private readonly Dictionary<int, (Entity Entity, IReadOnlyList<string> Members)> _readWithSomeMembers = [];

    public IDataLoaderResult<Entity?> EntityByKey(NodeKind kind, string key) =>
        loaders.GetOrAdd<string, Entity?>($"entity-by-key|{kind}", async (keys, ct) =>
            {
                var entities = await reader.EntitiesByKeyAsync(keys.Select(k => (kind, k)).ToList(), ct);
                Remember(entities);
                return entities.ToDictionary(e => e.Key, e => (Entity?)e);
            },
            missing: null).Load(key);

    /// <summary>
    /// The entities with these ids, by id: those the request has read already, and the others in one statement.
    /// </summary>
    public Task<IReadOnlyDictionary<int, Entity>> EntitiesAsync(IEnumerable<int> ids, CancellationToken ct) => EntitiesAsync(ids, null, ct);

    /// <summary>As above, for a selection that reads only <paramref name="members"/> (see <see cref="EntityById(int, IReadOnlyList{string}?)"/>).</summary>
    public async Task<IReadOnlyDictionary<int, Entity>> EntitiesAsync(IEnumerable<int> ids, IReadOnlyList<string>? members, CancellationToken ct)
    {
        var results = ids.Distinct().Select(id => (Id: id, Result: EntityById(id, members))).ToList();
        var found = new Dictionary<int, Entity>(results.Count);
        foreach (var (id, result) in results)
            if (await result.GetResultAsync(ct) is { } entity) found[id] = entity;
        return found;
    }

    /// <summary>Whole entities read elsewhere answer later lookups by their ids.</summary>
    public void Remember(IEnumerable<Entity> entities) =>
        EntitiesById.Prime(entities.Select(e => new KeyValuePair<int, Entity?>(e.Id, e)));

    public IDataLoaderResult<Relation?> RelationById(int id) =>
        loaders.GetOrAdd<int, Relation?>("relation-by-id", async (ids, ct) =>
            await db.Relations.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => (Relation?)r, ct),
            missing: null).Load(id);

    public IDataLoaderResult<Revision?> RevisionByNumber(int number) =>
        loaders.GetOrAdd<int, Revision?>("revision-by-number", async (numbers, ct) =>
            await db.Revisions.AsNoTracking().Where(r => numbers.Contains(r.Number)).ToDictionaryAsync(r => r.Number, r => (Revision?)r, ct),
            missing: null).Load(number);

    /// <summary>A page of an entity's revisions, oldest first (one statement for every entity asking, one more for their counts).</summary>
    public IDataLoaderResult<Connection<Revision>> HistoryPage(int id, PageRequest page, string scope)
    {
        var order = RevisionOrder.Default;
        return loaders.GetOrAdd<int, Connection<Revision>>($"history|{page.CacheKey}|{scope}", async (ids, ct) =>
            {
                var rows = page.Size == 0 ? [] : await ParentWindows.PagesAsync(
                    db.Entities.Where(e => ids.Contains(e.Id)).Select(e => e.Id), db.Revisions.AsNoTracking(),
                    parent => db.Revisions.Where(r => r.SubjectType == RevisionSubject.Entity && r.SubjectRowId == parent),
                    r => r.Number, order, page, ct);
                var pages = ParentWindows.InPageOrder(rows, order, page);
                return ids.Distinct().ToDictionary(parent => parent, parent => Connection<Revision>.FromRows(
                    pages[parent].ToList(), page, r => order.CursorOf(r, scope), () => HistoryCount(parent)));
            },
            missing: Connection<Revision>.FromRows([], page, scope, r => r.Number, () => new DeferredResult<int>(_ => Task.FromResult(0))))
            .Load(id);
    }

    private IDataLoaderResult<int> HistoryCount(int id) =>
        loaders.GetOrAdd<int, int>("history-count", async (ids, ct) =>
            await db.Revisions.Where(r => r.SubjectType == RevisionSubject.Entity && ids.Contains(r.SubjectRowId))
                .GroupBy(r => r.SubjectRowId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct),
            missing: 0).Load(id);

    public IDataLoaderResult<TNeighbour?> Neighbour<TNeighbour>(int id, RelationSpec spec, Projection<TNeighbour>? projection = null) where TNeighbour : Entity =>
        NeighbourList(id, spec, projection).Then(list => list.FirstOrDefault());

    /// <summary>
    /// All neighbours of kind <typeparamref name="TNeighbour"/> along <paramref name="spec"/> (for small, unpaged
    /// lists), in relation order; with a <paramref name="projection"/>, only the members it names are read, and with
    /// a <paramref name="query"/>, only the neighbours meeting its filter, in its order (each its own batch, since
    /// other fields along the same relations may want other rows or columns).
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<TNeighbour>> NeighbourList<TNeighbour>(
        int id, RelationSpec spec, Projection<TNeighbour>? projection = null, ListQuery<TNeighbour>? query = null)
        where TNeighbour : Entity
    {
        var sorted = query is { IsDefault: false } ? query : null;
        // Found by the field's own objects (the projection and query are worked out once per field), not by a name built
        // for every item.
        var key = (spec, (object?)projection, (object?)sorted);
        if (!_neighbourLists.TryGetValue(key, out var loader))
            _neighbourLists[key] = loader = NeighbourListLoader(spec, projection, sorted);
        return ((BatchLoader<int, IReadOnlyList<TNeighbour>>)loader).Load(id);
    }

    private readonly Dictionary<(RelationSpec, object?, object?), object> _neighbourLists = [];

    private BatchLoader<int, IReadOnlyList<TNeighbour>> NeighbourListLoader<TNeighbour>(
        RelationSpec spec, Projection<TNeighbour>? projection, ListQuery<TNeighbour>? sorted)
        where TNeighbour : Entity
    {
        if (sorted is not null)
            return loaders.GetOrAdd<int, IReadOnlyList<TNeighbour>>(
                $"neighbours|{spec.Name}|{typeof(TNeighbour).Name}|{projection?.Key ?? "*"}|{sorted.Key}",
                (ids, ct) => FetchNeighbours(ids, spec, sorted.Filtered(db.Set<TNeighbour>().AsNoTracking()), projection, sorted.Order, ct),
                missing: []);
        return loaders.GetOrAdd<int, IReadOnlyList<TNeighbour>>(
            $"neighbours|{spec.Name}|{typeof(TNeighbour).Name}|{projection?.Key ?? "*"}|",
            async (ids, ct) =>
            {
                // In relation order; a neighbour linked twice (organiser and host) appears once.
                var links = await reader.NeighbourLinksAsync<TNeighbour>(ids, Walk(spec.Direction), spec.Types, spec.TargetKind, projection?.MemberNames, ct);
                links.Sort((a, b) => a.RelationId.CompareTo(b.RelationId));
                return links.GroupBy(l => l.OwnerId).ToDictionary(
                    g => g.Key, g => (IReadOnlyList<TNeighbour>)g.Select(l => l.Item).DistinctBy(e => e.Id).ToList());
            },
            missing: []);
    }

    /// <summary>A page of an entity's neighbours of kind <typeparamref name="TChild"/>, keyset-paged by id.</summary>
    public IDataLoaderResult<Connection<TChild>> NeighbourPage<TChild>(int id, RelationSpec spec, PageRequest page, string scope, Projection<TChild>? projection = null)
        where TChild : Entity
    {
        var key = (spec, page, scope, (object?)null, (object?)projection);
        if (_neighbourPages.TryGetValue(key, out var found)) return ((BatchLoader<int, Connection<TChild>>)found).Load(id);
        var loader = loaders.GetOrAdd<int, Connection<TChild>>(
            $"neighbour-page|{spec.Name}|{typeof(TChild).Name}|{page.CacheKey}|{scope}|{projection?.Key ?? "*"}",
            async (ids, ct) =>
            {
                var rows = await reader.NeighbourWindowsAsync<TChild>(ids, Walk(spec.Direction), spec.Types, PagedKind(spec),
                    Window(page), projection?.MemberNames, ct);
                return InWindowOrder(ids, rows, page, c => c.Id, (parent, items) => Connection<TChild>.FromRows(
                    items, page, scope, c => c.Id, () => NeighbourCount<TChild>(parent, spec)));
            },
            missing: Connection<TChild>.FromRows([], page, scope, c => c.Id, () => new DeferredResult<int>(_ => Task.FromResult(0))));
        _neighbourPages[key] = loader;
        return loader.Load(id);
    }

    /// <summary>
    /// A page of an entity's neighbours meeting <paramref name="query"/>'s filter, in its order; the
    /// query's <see cref="ListQuery{TChild}.Key"/> keeps differently filtered fields apart.
    /// </summary>
    public IDataLoaderResult<Connection<TChild>> NeighbourPage<TChild>(
        int id, RelationSpec spec, PageRequest page, string scope, ListQuery<TChild> query, Projection<TChild>? projection)
        where TChild : Entity
    {
        if (query.IsDefault) return NeighbourPage(id, spec, page, scope, projection);
        // Found by the field's own objects (worked out once per field), not by a name built for every parent.
        var key = (spec, page, scope, (object)query, (object?)projection);
        if (_neighbourPages.TryGetValue(key, out var found)) return ((BatchLoader<int, Connection<TChild>>)found).Load(id);
        var loader = loaders.GetOrAdd<int, Connection<TChild>>(
            $"neighbour-page|{spec.Name}|{typeof(TChild).Name}|{page.CacheKey}|{scope}|{query.Key}|{projection?.Key ?? "*"}",
            async (ids, ct) =>
            {
                var rows = page.Size == 0 ? [] : await ParentWindows.PagesAsync(
                    db.Entities.Where(p => ids.Contains(p.Id)).Select(p => p.Id), db.Set<TChild>().AsNoTracking().SelectMembers(projection),
                    ChildrenOf(spec, query.Filtered(db.Set<TChild>())), c => c.Id, query.Order, page, ct, parentWindows.Shape);
                var pages = ParentWindows.InPageOrder(rows, query.Order, page);
                return ids.Distinct().ToDictionary(parent => parent, parent => Connection<TChild>.FromRows(
                    pages[parent].ToList(), page, c => query.Order.CursorOf(c, scope), () => NeighbourCount(parent, spec, query)));
            },
            missing: Connection<TChild>.FromRows([], page, scope, c => c.Id, () => new DeferredResult<int>(_ => Task.FromResult(0))));
        _neighbourPages[key] = loader;
        return loader.Load(id);
    }

    private readonly Dictionary<(RelationSpec, PageRequest, string, object?, object?), object> _neighbourPages = [];

    /// <summary>How many neighbours there are, or how many meet <paramref name="query"/>'s filter (its order plays no part).</summary>
    public IDataLoaderResult<int> NeighbourCount<TChild>(int id, RelationSpec spec, ListQuery<TChild>? query = null) where TChild : Entity =>
        loaders.GetOrAdd<int, int>($"neighbour-count|{spec.Name}|{typeof(TChild).Name}|{query?.FilterKey}", async (ids, ct) =>
        {
            var children = db.Set<TChild>();
            var childrenOf = ChildrenOf(spec, query?.Filtered(children) ?? children);
            var parent = childrenOf.Parameters[0];
            // p => childrenOf(p.Id).Count(), spliced so the per-parent count stays one correlated subquery.
            var p = Expression.Parameter(typeof(Entity), "p");
            var counted = QueryExpressions.Replace(childrenOf.Body, parent, Expression.Property(p, nameof(Entity.Id)));
            var count = Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(TChild)], counted);
            var row = Expression.Lambda<Func<Entity, ParentCount>>(
                Expression.New(typeof(ParentCount).GetConstructors()[0], Expression.Property(p, nameof(Entity.Id)), count), p);
            return await db.Entities.Where(e => ids.Contains(e.Id)).Select(row).ToDictionaryAsync(r => r.ParentId, r => r.Count, ct);
        }, missing: 0).Load(id);

    /// <summary>A page of the relations touching an entity, keyset-paged by relation id.</summary>
    public IDataLoaderResult<Connection<Relation>> RelationPage(int id, Direction direction, IReadOnlyList<RelationType>? types, PageRequest page, string scope)
    {
        var typeFilter = types is { Count: > 0 } ? types.ToArray() : null;
        var name = $"relation-page|{direction}|{TypesName(typeFilter)}|{page.CacheKey}|{scope}";
        var loader = loaders.GetOrAdd<int, Connection<Relation>>(name, async (ids, ct) =>
        {
            // BOTH merges two windows of the same order: the first n+1 of the union are among them.
            var rows = await reader.RelationWindowsAsync(ids, Walk(direction), typeFilter, Window(page), ct);
            return InWindowOrder(ids, rows, page, r => r.Id, (parent, relations) => Connection<Relation>.FromRows(
                relations, page, scope, r => r.Id, () => RelationCount(parent, direction, typeFilter)));
        }, missing: Connection<Relation>.FromRows([], page, scope, x => x.Id, () => new DeferredResult<int>(_ => Task.FromResult(0))));
        return loader.Load(id);
    }

    /// <summary>
    /// A parent's neighbours along <paramref name="spec"/>, among <paramref name="candidates"/>: the
    /// distinct ids from the relation index first, then the entities by id, so a parent with three
    /// events reads three rows rather than every event of the graph.
    /// </summary>
    private Expression<Func<int, IQueryable<TChild>>> ChildrenOf<TChild>(RelationSpec spec, IQueryable<TChild> candidates) where TChild : Entity
    {
        PagedKind(spec);
        var types = spec.Types.ToArray();
        var links = db.Relations.Where(r => types.Contains(r.Type));
        return spec.Direction == Direction.Out
            ? parent => from childId in links.Where(r => r.FromId == parent).Select(r => r.ToId).Distinct()
                        from child in candidates
                        where child.Id == childId
                        select child
            : parent => from childId in links.Where(r => r.ToId == parent).Select(r => r.FromId).Distinct()
                        from child in candidates
                        where child.Id == childId
                        select child;
    }

    private static NodeKind PagedKind(RelationSpec spec) =>
        spec.Direction != Direction.Both && spec.TargetKind is { } kind
            ? kind
            : throw new ArgumentException("Paged neighbours walk one direction to one kind.", nameof(spec));

    private sealed record ParentCount(int ParentId, int Count);

    private static WalkDirection Walk(Direction direction) => direction switch
    {
        Direction.Out => WalkDirection.Out,
        Direction.In => WalkDirection.In,
        _ => WalkDirection.Both,
    };

    /// <summary>One more than the page, to tell whether another follows.</summary>
    private static KeyWindow Window(PageRequest page) => new(page.After?.Key, page.Before?.Key, page.Size + 1, page.Backward);

    /// <summary>Groups window rows per parent, in the page's direction, at most one more than the page.</summary>
    private static Dictionary<int, TConnection> InWindowOrder<TItem, TConnection>(
        IReadOnlyList<int> parents, List<ParentRow<TItem>> rows, PageRequest page, Func<TItem, int> key,
        Func<int, List<TItem>, TConnection> connection)
    {
        var rowsOf = rows.ToLookup(r => r.ParentId, r => r.Item);
        return parents.Distinct().ToDictionary(parent => parent, parent =>
        {
            var items = rowsOf[parent].DistinctBy(key);
            var ordered = page.Backward ? items.OrderByDescending(key) : items.OrderBy(key);
            return connection(parent, ordered.Take(page.Size + 1).ToList());
        });
    }

    private IDataLoaderResult<int> RelationCount(int id, Direction direction, RelationType[]? typeFilter) =>
        loaders.GetOrAdd<int, int>($"relation-count|{direction}|{TypesName(typeFilter)}", async (ids, ct) =>
            await reader.RelationCountsAsync(ids, Walk(direction), typeFilter, ct),
            missing: 0).Load(id);

    private static string TypesName(RelationType[]? types) => types is null ? "*" : string.Join(",", types);

    /// <summary>
    /// Neighbours meeting a client's filter, in its order: two statements, the relations (driven by the parents'
    /// index entries), then the neighbours by id with the filter and order composed by EF Core. One joined
    /// statement let SQLite start from "every entity of the kind" on large graphs.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, IReadOnlyList<TEntity>>> FetchNeighbours<TEntity>(
        IReadOnlyList<int> ids, RelationSpec spec, IQueryable<TEntity> candidates, Projection<TEntity>? projection, SortOrder<TEntity> order,
        CancellationToken ct)
        where TEntity : Entity
    {
        var types = spec.Types.ToArray();
        var relations = db.Relations.AsNoTracking().Where(r => types.Contains(r.Type));
        var outgoing = relations.Where(r => EF.Parameter(ids).Contains(r.FromId)).Select(r => new { RelationId = r.Id, Owner = r.FromId, Neighbour = r.ToId });
        var incoming = relations.Where(r => EF.Parameter(ids).Contains(r.ToId)).Select(r => new { RelationId = r.Id, Owner = r.ToId, Neighbour = r.FromId });
        var links = await (spec.Direction switch
        {
            Direction.Out => outgoing,
            Direction.In => incoming,
            _ => outgoing.Concat(incoming),
        }).ToListAsync(ct);
        if (links.Count == 0) return new Dictionary<int, IReadOnlyList<TEntity>>();

        var neighbourIds = links.Select(l => l.Neighbour).Distinct().ToList();
        var kind = spec.TargetKind;
        var matching = candidates.Where(e => EF.Parameter(neighbourIds).Contains(e.Id) && (kind == null || e.Kind == kind));
        // In the client's order (SQL sorts; each list keeps the rows' order).
        var rows = await order.Sort(matching).SelectMembers(projection).ToListAsync(ct);
        var position = rows.Select((entity, index) => (entity.Id, index)).ToDictionary(r => r.Id, r => r.index);
        var neighbours = rows.ToDictionary(e => e.Id);
        return links.Where(l => neighbours.ContainsKey(l.Neighbour))
            .OrderBy(l => position[l.Neighbour])
            .GroupBy(l => l.Owner)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TEntity>)g.Select(l => neighbours[l.Neighbour]).DistinctBy(e => e.Id).ToList());
    }
}
