using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Graph;

/// <summary>Which way a relation is walked from the parent: OUT to its "to" end, IN to its "from" end, or BOTH.</summary>
public enum WalkDirection { Out, In, Both }

/// <summary>An item of a parent's window (a relation, a neighbour), with the parent it belongs to.</summary>
public readonly record struct ParentRow<T>(int ParentId, T Item);

/// <summary>A neighbour of an owner, with the relation that links them (for keeping relation order).</summary>
public readonly record struct Link<T>(int OwnerId, int RelationId, T Item);

/// <summary>A relation as a walk sees it: its ends, and their kinds when asked for (else the default).</summary>
public readonly record struct GraphEdge(int Id, int FromId, int ToId, NodeKind FromKind, NodeKind ToKind);

/// <summary>One frontier of a two-sided walk, with the number of relation ends touching it when known or estimated (not counted then).</summary>
public readonly record struct WalkFrontier(IReadOnlyCollection<int> Ids, int? Degree);

/// <summary>
/// One level of a two-sided walk: whether the second frontier was expanded (when its degree was smaller), the two
/// degrees as counted (the first up to the limit, the second up to the first's + 1, so it may be a lower bound), and
/// the relations touching the expanded frontier.
/// </summary>
public sealed record FrontierStep(bool SecondExpanded, int FirstDegree, int SecondDegree, List<GraphEdge> Edges);

/// <summary>
/// The first <see cref="Take"/> items of each parent in key order (or the last, <see cref="Descending"/>), strictly
/// after <see cref="After"/> and before <see cref="Before"/> when given: one keyset page per parent.
/// </summary>
public readonly record struct KeyWindow(long? After, long? Before, int Take, bool Descending);

/// <summary>
/// The first <see cref="Take"/> entities meeting <see cref="Where"/> (all when null) in <see cref="Order"/> (each key
/// ascending unless descending; the keys end with a unique one), with only <see cref="Members"/> loaded (whole entities when null).
/// </summary>
public sealed record EntityPage<T>(
    System.Linq.Expressions.Expression<Func<T, bool>>? Where,
    IReadOnlyList<(System.Linq.Expressions.LambdaExpression Key, bool Descending)> Order,
    int Take,
    IReadOnlyCollection<string>? Members) where T : Entity;

/// <summary>
/// The fixed, hot reads of the graph, each one SQL statement for a whole batch of parents, however many rows
/// come back: entities by id or key, windows of relations and neighbours, walks. The seam between the
/// GraphQL loaders and a database: SQLite runs them as prepared statements (<c>Sqlite/SqliteGraphReader</c>).
/// </summary>
/// <remarks>
/// Reads taking <c>members</c> load only those members of the items (as EF Core projections do; the others
/// keep a new object's values), or whole items when it is null or names a member the model does not map.
/// </remarks>
public interface IGraphReader
{
    /// <summary>
    /// Entities of any kind by surrogate id (ids naming nothing are left out): whole, or with only <paramref name="members"/>
    /// loaded (see <see cref="Storage.ModelRows.EntitiesWith"/>; whole when a member is mapped by no kind). Entities with some
    /// members only answer the selection they were read for and must not stand in for whole ones.
    /// </summary>
    Task<List<Entity>> EntitiesAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default);

    /// <summary>Whole entities named by (kind, key) pairs.</summary>
    Task<List<Entity>> EntitiesByKeyAsync(IReadOnlyCollection<(NodeKind Kind, string Key)> names, CancellationToken ct = default);

    /// <summary>
    /// Relations by id, in id order: whole, or with only <paramref name="members"/> loaded (see
    /// <see cref="Storage.ModelRows.RelationsWith"/>), for a selection that reads no more.
    /// </summary>
    Task<List<Relation>> RelationsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default);

    /// <summary>
    /// Each parent's window of the relations touching it (in <paramref name="direction"/>, of <paramref name="types"/>
    /// when given), keyed by relation id, with the relations themselves. With BOTH, each direction gives its own
    /// window: the caller merges them (the first n of the union are among the two first n).
    /// </summary>
    Task<List<ParentRow<Relation>>> RelationWindowsAsync(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, KeyWindow window, CancellationToken ct = default);

    /// <summary>How many relations touch each parent in <paramref name="direction"/> (BOTH counts a self-loop twice).</summary>
    Task<Dictionary<int, int>> RelationCountsAsync(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, CancellationToken ct = default);

    /// <summary>
    /// Each parent's window of its distinct neighbours of <paramref name="kind"/> along <paramref name="types"/> in
    /// one <paramref name="direction"/> (OUT or IN), keyed by the neighbour's id, with the neighbours themselves.
    /// </summary>
    Task<List<ParentRow<T>>> NeighbourWindowsAsync<T>(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind, KeyWindow window,
        IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity;

    /// <summary>Every neighbour of each owner along <paramref name="types"/> (of <paramref name="kind"/> when given), with the linking relation.</summary>
    Task<List<Link<T>>> NeighbourLinksAsync<T>(
        IReadOnlyCollection<int> ownerIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind? kind,
        IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity;

    /// <summary>
    /// Up to <paramref name="limit"/> relations touching any entity of <paramref name="frontier"/> (of <paramref name="types"/>
    /// when given), each once; with the kinds of their ends only when <paramref name="withKinds"/>.
    /// </summary>
    Task<List<GraphEdge>> EdgesTouchingAsync(
        IReadOnlyCollection<int> frontier, IReadOnlyCollection<RelationType>? types, bool withKinds, int limit, CancellationToken ct = default);

    /// <summary>
    /// One statement for one level of a two-sided walk: the degree (relation ends touching it, of <paramref name="types"/>)
    /// of <paramref name="first"/> unless given, counted up to the limit or the second's given degree + 1; that of
    /// <paramref name="second"/> unless given, counted up to the first's + 1 (so a hub costs what the other side costs); then up to
    /// <paramref name="limit"/> relations touching the frontier with the smaller degree (the first on a tie), each once.
    /// Both frontiers must be non-empty.
    /// </summary>
    Task<FrontierStep> CheaperFrontierEdgesAsync(
        WalkFrontier first, WalkFrontier second, IReadOnlyCollection<RelationType>? types, int limit, CancellationToken ct = default);

    /// <summary>
    /// Whether counting a frontier's relations costs much less than reading them (PostgreSQL: index-only counts), so a
    /// path walk may count to choose its side (<see cref="CheaperFrontierEdgesAsync"/>). On SQLite a count costs about
    /// what the read does, and a walk that counts spent twice the CPU on small graphs; it grows the end with fewer entities.
    /// </summary>
    bool CountsDegreesCheaply => true;

    /// <summary>
    /// One keyset page of entities of type <typeparamref name="T"/> (<see cref="EntityPage{T}"/>) as a prepared statement,
    /// or null when this reader cannot say the page's predicate or order in its SQL: the caller then asks EF Core, which
    /// translates everything (this default says null for every page).
    /// </summary>
    Task<List<T>?> EntityPageAsync<T>(EntityPage<T> page, CancellationToken ct = default) where T : Entity =>
        Task.FromResult<List<T>?>(null);

}
