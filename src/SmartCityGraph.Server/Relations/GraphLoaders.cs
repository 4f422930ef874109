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
/// The id lists of the hot lookups go to the database as one parameter (<c>EF.Parameter</c>: on SQLite a JSON
/// list read with <c>json_each</c>, on PostgreSQL an <c>integer[]</c> matched with <c>= ANY</c>): the statement's text then stays the same whatever the batch size, so EF Core generates
/// its SQL once instead of on every execution (about 7 % of a nested request); lookups by id plan the same.
/// </remarks>
public sealed class GraphLoaders(SmartCityDbContext db, RequestLoaders loaders, INeighbourWindows windows, ParentWindowOptions parentWindows)
{
    public IDataLoaderResult<Entity?> EntityById(int id) =>
        loaders.GetOrAdd<int, Entity?>("entity-by-id", async (ids, ct) =>
            await db.Entities.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => (Entity?)e, ct),
            missing: null).Load(id);

    public IDataLoaderResult<Entity?> EntityByKey(NodeKind kind, string key) =>
        loaders.GetOrAdd<string, Entity?>($"entity-by-key|{kind}", async (keys, ct) =>
            await db.Entities.AsNoTracking().Where(e => e.Kind == kind && keys.Contains(e.Key)).ToDictionaryAsync(e => e.Key, e => (Entity?)e, ct),
            missing: null).Load(key);

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
    public IDataLoaderResult<IEnumerable<TNeighbour>> NeighbourList<TNeighbour>(
        int id, RelationSpec spec, Projection<TNeighbour>? projection = null, ListQuery<TNeighbour>? query = null)
        where TNeighbour : Entity
    {
        var sorted = query is { IsDefault: false } ? query : null;
        return loaders.GetOrAdd<int, IReadOnlyList<TNeighbour>>(
                $"neighbours|{spec.Name}|{typeof(TNeighbour).Name}|{projection?.Key ?? "*"}|{sorted?.Key}",
                (ids, ct) => FetchNeighbours(ids, spec, sorted?.Filtered(db.Set<TNeighbour>().AsNoTracking()) ?? db.Set<TNeighbour>().AsNoTracking(),
                    projection, sorted?.Order, ct),
                missing: [])
            .Load(id).Then(list => list.AsEnumerable());
    }

    /// <summary>A page of an entity's neighbours of kind <typeparamref name="TChild"/>, keyset-paged by id.</summary>
    public IDataLoaderResult<Connection<TChild>> NeighbourPage<TChild>(int id, RelationSpec spec, PageRequest page, string scope, Projection<TChild>? projection = null)
        where TChild : Entity
    {
        var loader = loaders.GetOrAdd<int, Connection<TChild>>(
            $"neighbour-page|{spec.Name}|{typeof(TChild).Name}|{page.CacheKey}|{scope}|{projection?.Key ?? "*"}",
            async (ids, ct) =>
            {
                var kind = PagedKind(spec);
                var window = await windows.NeighboursAsync(db, ids, Walk(spec.Direction), spec.Types, kind,
                    page.After?.Key, page.Before?.Key, page.Size + 1, page.Backward, ct);
                var childIds = window.Select(r => r.ItemId).Distinct().ToList();
                var children = await db.Set<TChild>().AsNoTracking().Where(c => EF.Parameter(childIds).Contains(c.Id))
                    .SelectMembers(projection).ToDictionaryAsync(c => c.Id, ct);
                return InWindowOrder(ids, window, page, children, (parent, rows) => Connection<TChild>.FromRows(
                    rows, page, scope, c => c.Id, () => NeighbourCount<TChild>(parent, spec)));
            },
            missing: Connection<TChild>.FromRows([], page, scope, c => c.Id, () => new DeferredResult<int>(_ => Task.FromResult(0))));
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
        return loader.Load(id);
    }

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
            var window = new List<WindowRow>();
            foreach (var walk in direction switch { Direction.Out => [WalkDirection.Out], Direction.In => [WalkDirection.In], _ => new[] { WalkDirection.Out, WalkDirection.In } })
                window.AddRange(await windows.RelationsAsync(db, ids, walk, typeFilter, page.After?.Key, page.Before?.Key, page.Size + 1, page.Backward, ct));
            var relationIds = window.Select(r => r.ItemId).Distinct().ToList();
            var relations = await db.Relations.AsNoTracking().Where(r => relationIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            // BOTH merges two windows of the same order: the first n+1 of the union are among them.
            return InWindowOrder(ids, window, page, relations, (parent, rows) => Connection<Relation>.FromRows(
                rows, page, scope, r => r.Id, () => RelationCount(parent, direction, typeFilter)));
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

    private static WalkDirection Walk(Direction direction) => direction == Direction.Out ? WalkDirection.Out : WalkDirection.In;

    /// <summary>Groups window rows per parent, in the page's direction, at most one more than the page.</summary>
    private static Dictionary<int, TConnection> InWindowOrder<TItem, TConnection>(
        IReadOnlyList<int> parents, List<WindowRow> window, PageRequest page, Dictionary<int, TItem> items,
        Func<int, List<TItem>, TConnection> connection)
    {
        var rowsOf = window.Where(r => items.ContainsKey(r.ItemId)).ToLookup(r => r.ParentId);
        return parents.Distinct().ToDictionary(parent => parent, parent =>
        {
            var rows = page.Backward ? rowsOf[parent].OrderByDescending(r => r.ItemId) : rowsOf[parent].OrderBy(r => r.ItemId);
            return connection(parent, rows.Take(page.Size + 1).Select(r => items[r.ItemId]).ToList());
        });
    }

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

    /// <summary>
    /// Two statements: the relations (driven by the parents' index entries), then the neighbours by id.
    /// One joined statement let SQLite start from "every entity of the kind" on large graphs.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, IReadOnlyList<TEntity>>> FetchNeighbours<TEntity>(
        IReadOnlyList<int> ids, RelationSpec spec, IQueryable<TEntity> candidates, Projection<TEntity>? projection, SortOrder<TEntity>? order,
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
        // In the client's order when it gave one (SQL sorts; each list keeps the rows' order), else in relation order.
        var rows = await (order is null ? matching : order.Sort(matching)).SelectMembers(projection).ToListAsync(ct);
        var position = rows.Select((entity, index) => (entity.Id, index)).ToDictionary(r => r.Id, r => r.index);
        var neighbours = rows.ToDictionary(e => e.Id);
        return links.Where(l => neighbours.ContainsKey(l.Neighbour))
            .OrderBy(l => order is null ? l.RelationId : position[l.Neighbour])
            .GroupBy(l => l.Owner)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TEntity>)g.Select(l => neighbours[l.Neighbour]).DistinctBy(e => e.Id).ToList());
    }
}
