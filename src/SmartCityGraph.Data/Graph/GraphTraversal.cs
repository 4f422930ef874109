using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Graph;

/// <summary>What <see cref="GraphTraversal.NeighbourhoodAsync"/> walks: from which entities, how far, along which relations, to which kinds.</summary>
/// <remarks><see cref="RelationMembers"/>: read only these members of the relations returned (null: whole relations).</remarks>
public sealed record NeighbourhoodRequest(
    IReadOnlyCollection<int> StartIds, int Depth, IReadOnlyCollection<RelationType>? Types, IReadOnlyCollection<NodeKind>? Kinds, int Limit,
    IReadOnlyCollection<string>? RelationMembers = null);

/// <summary>
/// The subgraph around some entities: its nodes in breadth-first order (start nodes first) and the
/// relations the walk followed between them; <see cref="Truncated"/> when a cap cut it short.
/// </summary>
public sealed record Neighbourhood(IReadOnlyList<int> NodeIds, IReadOnlyList<Relation> Relations, bool Truncated);

/// <summary>A walk from one entity to another: <c>NodeIds[i]</c> and <c>NodeIds[i + 1]</c> are the ends of <c>Relations[i]</c>.</summary>
public sealed record GraphPath(IReadOnlyList<int> NodeIds, IReadOnlyList<Relation> Relations)
{
    public int Length => Relations.Count;
}

/// <summary>
/// Breadth-first walks of the relation graph, treating relations as undirected. Each step of a walk
/// reads the relations touching a whole frontier in one SQL statement, so a walk runs one statement
/// per level (plus one for the relations it returns), however many nodes it meets. Every walk is bounded
/// by the caps below, so no request scans the graph without limit.
/// </summary>
public sealed class GraphTraversal(IGraphReader reader)
{
    /// <summary>Deepest neighbourhood.</summary>
    public const int MaxDepth = 3;
    /// <summary>Most nodes in a neighbourhood.</summary>
    public const int MaxNodes = 1_000;
    /// <summary>Most relations in a neighbourhood.</summary>
    public const int MaxRelations = 5_000;
    /// <summary>Most relations one level of a walk reads; a frontier touching more is cut (and reported as truncated).</summary>
    public const int MaxRelationsPerLevel = 10_000;
    /// <summary>Longest path searched for.</summary>
    public const int MaxHops = 6;
    /// <summary>Most paths returned.</summary>
    public const int MaxPaths = 10;
    /// <summary>Most distinct entities a path search may visit before it stops with what it found.</summary>
    public const int MaxVisited = 20_000;
    /// <summary>
    /// Largest frontier of a path search whose degree is counted, and whose rival's is: one entity, where a hub hides
    /// (an end of the search, typically). Two larger frontiers are compared by their number of entities, as before:
    /// counting large frontiers costs on SQLite about what reading them does, and comparing a counted degree with an
    /// entity count read the wrong side at 10k.
    /// </summary>
    public const int MaxCountedFrontier = 1;
    /// <summary>Most steps the in-memory enumeration of paths may take.</summary>
    public const int MaxEnumerationSteps = 200_000;

    public async Task<Neighbourhood> NeighbourhoodAsync(NeighbourhoodRequest request, CancellationToken ct = default)
    {
        if (request.Depth is < 0 or > MaxDepth) throw new ArgumentOutOfRangeException(nameof(request), $"Depth must be 0..{MaxDepth}.");
        if (request.Limit is < 0 or > MaxNodes) throw new ArgumentOutOfRangeException(nameof(request), $"Limit must be 0..{MaxNodes}.");
        var types = request.Types is { Count: > 0 } ? request.Types.Distinct().ToArray() : null;
        var kinds = request.Kinds is { Count: > 0 } ? request.Kinds.ToHashSet() : null;

        var order = new List<int>();
        var visited = new HashSet<int>();
        var truncated = false;
        foreach (var id in request.StartIds)
        {
            if (visited.Contains(id)) continue;
            if (order.Count >= request.Limit) { truncated = true; break; }
            visited.Add(id);
            order.Add(id);
        }

        var kept = new SortedSet<int>();
        var frontier = order.ToList();
        for (var level = 1; level <= request.Depth && frontier.Count > 0; level++)
        {
            var (edges, cut) = await EdgesTouchingAsync(frontier, types, withKinds: kinds is not null, ct);
            truncated |= cut;
            var frontierSet = frontier.ToHashSet();
            var next = new List<int>();
            foreach (var edge in edges)
            {
                var (other, otherKind) = frontierSet.Contains(edge.FromId) ? (edge.ToId, edge.ToKind) : (edge.FromId, edge.FromKind);
                if (!visited.Contains(other))
                {
                    if (kinds is not null && !kinds.Contains(otherKind)) continue;
                    if (order.Count >= request.Limit) { truncated = true; continue; }
                    visited.Add(other);
                    order.Add(other);
                    next.Add(other);
                }
                if (kept.Count >= MaxRelations) { truncated = true; continue; }
                kept.Add(edge.Id);
            }
            frontier = next;
        }

        return new Neighbourhood(order, await RelationsAsync(kept, request.RelationMembers, ct), truncated);
    }

    /// <summary>
    /// Up to <paramref name="first"/> paths from <paramref name="fromId"/> to <paramref name="toId"/> of at most
    /// <paramref name="maxHops"/> relations, shortest first; a path never visits an entity twice. Relations are
    /// walked in both directions; the paths' relations are read with only <paramref name="relationMembers"/> when given.
    /// </summary>
    /// <remarks>
    /// A bidirectional breadth-first search: it grows the cheaper of the two frontiers one level at a time
    /// (one SQL statement each) until the two radii add up to <paramref name="maxHops"/> or enough paths are
    /// known. Cheaper means fewer relations to read where that is cheap to know: when either frontier is a single
    /// entity (<see cref="MaxCountedFrontier"/>), the level's statement first counts the degrees not known yet (the
    /// second only one past the first's), so a hub at either end is met from the other side instead of read whole;
    /// two larger frontiers are compared by their number of entities. Which side grows changes what is read, not
    /// what is found. Once the radii add up to <c>B</c>, every relation of every path of length ≤ <c>B</c> has been read
    /// (a path's relation either starts within the forward radius or ends within the backward one), so the
    /// paths enumerated in memory are exactly the shortest ones. It stops early, returning what it found,
    /// after visiting <see cref="MaxVisited"/> entities or <see cref="MaxEnumerationSteps"/> enumeration steps.
    /// </remarks>
    public async Task<IReadOnlyList<GraphPath>> PathsAsync(
        int fromId, int toId, int maxHops, int first, IReadOnlyCollection<RelationType>? types = null, CancellationToken ct = default,
        IReadOnlyCollection<string>? relationMembers = null)
    {
        if (maxHops is < 0 or > MaxHops) throw new ArgumentOutOfRangeException(nameof(maxHops), $"maxHops must be 0..{MaxHops}.");
        if (first is < 0 or > MaxPaths) throw new ArgumentOutOfRangeException(nameof(first), $"first must be 0..{MaxPaths}.");
        if (first == 0) return [];
        if (fromId == toId) return [new GraphPath([fromId], [])];
        var typeFilter = types is { Count: > 0 } ? types.Distinct().ToArray() : null;

        var graph = new KnownGraph();
        var forward = new Side(fromId);
        var backward = new Side(toId);
        List<(List<int> Nodes, List<int> Relations)> found = [];
        while (true)
        {
            var bound = forward.Radius + backward.Radius;
            if (forward.Distance.Keys.Any(backward.Distance.ContainsKey))
            {
                found = graph.EnumeratePaths(fromId, toId, bound, first);
                if (found.Count >= first) break;
            }
            if (bound >= maxHops || forward.Distance.Count + backward.Distance.Count > MaxVisited) break;

            if (forward.Frontier.Count == 0 || backward.Frontier.Count == 0)
            {
                // One side has walked its whole component, so every relation of every path is known: only the bound grows.
                forward.Radius = maxHops - backward.Radius;
                continue;
            }
            Side side;
            List<GraphEdge> edges;
            if (!reader.CountsDegreesCheaply || (forward.Frontier.Count > MaxCountedFrontier && backward.Frontier.Count > MaxCountedFrontier))
            {
                // Two larger frontiers (or an engine where counting costs what reading does): the one with fewer entities,
                // with the plain read.
                side = backward.Frontier.Count < forward.Frontier.Count ? backward : forward;
                (edges, _) = await EdgesTouchingAsync(side.Frontier, typeFilter, withKinds: false, ct);
            }
            else
            {
                // A single entity may be a hub: measure both. The frontier likely cheaper is counted first, so a hub on
                // the other side is counted only that far; a degree counted before is not counted again.
                var (lead, rival) = backward.Cost < forward.Cost ? (backward, forward) : (forward, backward);
                var step = await reader.CheaperFrontierEdgesAsync(
                    new WalkFrontier(lead.Frontier, lead.Degree), new WalkFrontier(rival.Frontier, rival.Degree), typeFilter, MaxRelationsPerLevel + 1, ct);
                if (lead.Degree is null) lead.Counted(step.FirstDegree, exact: step.FirstDegree < Math.Min(MaxRelationsPerLevel + 1, (rival.Degree ?? int.MaxValue - 1) + 1));
                if (rival.Degree is null) rival.Counted(step.SecondDegree, exact: step.SecondDegree <= step.FirstDegree);
                side = step.SecondExpanded ? rival : lead;
                edges = step.Edges;
                if (edges.Count > MaxRelationsPerLevel) edges.RemoveAt(edges.Count - 1);
                edges.Sort((a, b) => a.Id.CompareTo(b.Id));
            }
            foreach (var edge in edges) graph.Add(edge);
            side.Grow(edges);
            side.Radius++;
        }

        var relations = (await RelationsAsync(found.SelectMany(p => p.Relations).ToHashSet(), relationMembers, ct)).ToDictionary(r => r.Id);
        return found.Select(p => new GraphPath(p.Nodes, p.Relations.Select(id => relations[id]).ToList())).ToList();
    }

    /// <summary>
    /// One SQL statement: the relations (of <paramref name="types"/>) touching any node of <paramref name="frontier"/>,
    /// with the kinds of their ends only when <paramref name="withKinds"/> (two lookups per relation, which a walk
    /// that filters by no kind does not need).
    /// </summary>
    private async Task<(List<GraphEdge> Edges, bool Cut)> EdgesTouchingAsync(
        IReadOnlyCollection<int> frontier, RelationType[]? types, bool withKinds, CancellationToken ct)
    {
        var rows = await reader.EdgesTouchingAsync(frontier, types, withKinds, MaxRelationsPerLevel + 1, ct);
        var cut = rows.Count > MaxRelationsPerLevel;
        if (cut) rows.RemoveAt(rows.Count - 1);
        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return (rows, cut);
    }

    private async Task<IReadOnlyList<Relation>> RelationsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members, CancellationToken ct) =>
        ids.Count == 0 ? [] : await reader.RelationsAsync(ids, members, ct);

    /// <summary>
    /// One end of a bidirectional search: distances from its root, the current frontier and radius, and what is known of
    /// the frontier's degree (the relation ends touching it): exactly, at least, or only that it has that many entities.
    /// </summary>
    private sealed class Side(int root)
    {
        private int _degreeAtLeast;

        public Dictionary<int, int> Distance { get; } = new() { [root] = 0 };
        public List<int> Frontier { get; private set; } = [root];
        public int Radius { get; set; }
        public int? Degree { get; private set; }

        /// <summary>The best guess of what expanding the frontier reads.</summary>
        public int Cost => Degree ?? Math.Max(_degreeAtLeast, Frontier.Count);

        public void Counted(int degree, bool exact)
        {
            if (exact) Degree = degree;
            else _degreeAtLeast = Math.Max(_degreeAtLeast, degree);
        }

        public void Grow(IEnumerable<GraphEdge> edges)
        {
            var frontier = Frontier.ToHashSet();
            var next = new List<int>();
            foreach (var edge in edges)
            {
                foreach (var (near, far) in new[] { (edge.FromId, edge.ToId), (edge.ToId, edge.FromId) })
                {
                    if (!frontier.Contains(near) || Distance.ContainsKey(far)) continue;
                    Distance[far] = Radius + 1;
                    next.Add(far);
                }
            }
            Frontier = next;
            Degree = null;
            _degreeAtLeast = 0;
        }
    }

    /// <summary>The relations read so far, as an undirected adjacency list in relation-id order.</summary>
    private sealed class KnownGraph
    {
        private readonly Dictionary<int, List<(int RelationId, int Neighbour)>> _adjacency = [];
        private readonly HashSet<int> _relations = [];

        public void Add(GraphEdge edge)
        {
            if (!_relations.Add(edge.Id)) return;
            Neighbours(edge.FromId).Add((edge.Id, edge.ToId));
            if (edge.FromId != edge.ToId) Neighbours(edge.ToId).Add((edge.Id, edge.FromId));
        }

        private List<(int RelationId, int Neighbour)> Neighbours(int node) =>
            _adjacency.TryGetValue(node, out var list) ? list : _adjacency[node] = [];

        /// <summary>Simple paths of length ≤ <paramref name="bound"/>, shortest first, at most <paramref name="first"/>.</summary>
        public List<(List<int> Nodes, List<int> Relations)> EnumeratePaths(int from, int to, int bound, int first)
        {
            foreach (var list in _adjacency.Values) list.Sort((a, b) => a.RelationId.CompareTo(b.RelationId));
            var distanceToTarget = DistancesFrom(to, bound);
            var results = new List<(List<int>, List<int>)>();
            var steps = 0;
            var nodes = new List<int> { from };
            var relations = new List<int>();
            var onPath = new HashSet<int> { from };

            for (var length = 1; length <= bound && results.Count < first && steps < MaxEnumerationSteps; length++)
                Walk(from, length);
            return results;

            void Walk(int node, int remaining)
            {
                if (results.Count >= first || ++steps > MaxEnumerationSteps) return;
                if (remaining == 0)
                {
                    if (node == to) results.Add((nodes.ToList(), relations.ToList()));
                    return;
                }
                if (node == to || !_adjacency.TryGetValue(node, out var neighbours)) return;
                foreach (var (relationId, next) in neighbours)
                {
                    if (onPath.Contains(next) || !distanceToTarget.TryGetValue(next, out var distance) || distance > remaining - 1) continue;
                    onPath.Add(next);
                    nodes.Add(next);
                    relations.Add(relationId);
                    Walk(next, remaining - 1);
                    onPath.Remove(next);
                    nodes.RemoveAt(nodes.Count - 1);
                    relations.RemoveAt(relations.Count - 1);
                    if (results.Count >= first) return;
                }
            }
        }

        private Dictionary<int, int> DistancesFrom(int root, int bound)
        {
            var distance = new Dictionary<int, int> { [root] = 0 };
            var queue = new Queue<int>([root]);
            while (queue.Count > 0)
            {
                var node = queue.Dequeue();
                if (distance[node] >= bound || !_adjacency.TryGetValue(node, out var neighbours)) continue;
                foreach (var (_, next) in neighbours)
                {
                    if (distance.ContainsKey(next)) continue;
                    distance[next] = distance[node] + 1;
                    queue.Enqueue(next);
                }
            }
            return distance;
        }
    }
}
