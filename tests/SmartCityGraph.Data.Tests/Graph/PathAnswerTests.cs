using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Data.Synthetic.Postgres;
using SmartCityGraph.Data.Synthetic.Sqlite;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Graph;

/// <summary>
/// The answer <see cref="GraphTraversal.PathsAsync"/> must give, worked out in memory over every relation: the first
/// <c>first</c> simple paths of at most <c>maxHops</c> relations, shortest first, then in relation-id order from the
/// start (a depth-first walk per length, as the Node peer of the comparison benchmark walks). Which frontier the
/// search grows, and how much it reads, must never show in the answer.
/// </summary>
internal sealed class ReferencePaths
{
    private readonly Dictionary<int, List<(int Relation, int Neighbour)>> _adjacency = [];

    public ReferencePaths(IEnumerable<(int Id, int FromId, int ToId)> relations)
    {
        foreach (var (id, from, to) in relations.OrderBy(r => r.Id))
        {
            Neighbours(from).Add((id, to));
            if (from != to) Neighbours(to).Add((id, from));
        }
    }

    public int Degree(int node) => _adjacency.TryGetValue(node, out var list) ? list.Count : 0;

    private List<(int, int)> Neighbours(int node) => _adjacency.TryGetValue(node, out var list) ? list : _adjacency[node] = [];

    public List<(List<int> Nodes, List<int> Relations)> Paths(int from, int to, int maxHops, int first)
    {
        if (from == to) return [([from], [])];
        var distance = new Dictionary<int, int> { [to] = 0 };
        var queue = new Queue<int>([to]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (distance[node] >= maxHops || !_adjacency.TryGetValue(node, out var neighbours)) continue;
            foreach (var (_, next) in neighbours)
                if (distance.TryAdd(next, distance[node] + 1)) queue.Enqueue(next);
        }

        var found = new List<(List<int>, List<int>)>();
        var nodes = new List<int> { from };
        var relations = new List<int>();
        var onPath = new HashSet<int> { from };
        for (var length = 1; length <= maxHops && found.Count < first; length++) Walk(from, length);
        return found;

        void Walk(int node, int remaining)
        {
            if (remaining == 0)
            {
                if (node == to) found.Add(([.. nodes], [.. relations]));
                return;
            }
            if (node == to || !_adjacency.TryGetValue(node, out var neighbours)) return;
            foreach (var (relation, next) in neighbours)
            {
                if (found.Count >= first) return;
                if (onPath.Contains(next) || !distance.TryGetValue(next, out var d) || d > remaining - 1) continue;
                onPath.Add(next);
                nodes.Add(next);
                relations.Add(relation);
                Walk(next, remaining - 1);
                onPath.Remove(next);
                nodes.RemoveAt(nodes.Count - 1);
                relations.RemoveAt(relations.Count - 1);
            }
        }
    }
}

/// <summary>
/// <see cref="GraphTraversal.PathsAsync"/> against <see cref="ReferencePaths"/> on the seed and on a generated graph with
/// hubs, for a few hundred pairs each, on both engines; with the statements a search runs and what it reads.
/// </summary>
public abstract class PathAnswerTests(DatabaseProvider provider) : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<ReferencePaths> RelationsAsync()
    {
        await using var db = _database.CreateContext();
        var relations = await db.Relations.Select(r => new { r.Id, r.FromId, r.ToId }).ToListAsync();
        return new ReferencePaths(relations.Select(r => (r.Id, r.FromId, r.ToId)));
    }

    private async Task<List<int>> EntityIdsAsync(NodeKind? kind = null)
    {
        await using var db = _database.CreateContext();
        return await db.Entities.Where(e => kind == null || e.Kind == kind).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    private async Task GenerateAsync(int entities)
    {
        await using var db = _database.CreateContext();
        IBulkGraphLoader loader = provider == DatabaseProvider.Postgres ? new PostgresBulkGraphLoader(db) : new SqliteBulkGraphLoader(db);
        await new SyntheticGraphGenerator(loader).GenerateAsync(new SyntheticGraphOptions(entities, 11));
    }

    /// <summary>Random pairs (with the busiest organisation and the first pilot among the ends) give the reference's paths.</summary>
    private async Task AssertSameAnswersAsync(int pairs, int seed)
    {
        var reference = await RelationsAsync();
        var ids = await EntityIdsAsync();
        var hubs = ids.OrderByDescending(reference.Degree).Take(5).ToList();
        var traversal = new GraphTraversal(_database.Reader);
        var random = new Random(seed);
        var compared = 0;
        for (var i = 0; i < pairs; i++)
        {
            var from = i % 4 == 0 ? hubs[random.Next(hubs.Count)] : ids[random.Next(ids.Count)];
            var to = i % 3 == 0 ? hubs[random.Next(hubs.Count)] : ids[random.Next(ids.Count)];
            var maxHops = 1 + random.Next(GraphTraversal.MaxHops);
            var first = 1 + random.Next(GraphTraversal.MaxPaths);
            var expected = reference.Paths(from, to, maxHops, first);
            var actual = await traversal.PathsAsync(from, to, maxHops, first);
            var description = $"paths {from} → {to}, maxHops {maxHops}, first {first}";
            Assert.True(expected.Count == actual.Count, $"{description}: {actual.Count} paths, expected {expected.Count}");
            for (var p = 0; p < expected.Count; p++)
            {
                Assert.True(expected[p].Nodes.SequenceEqual(actual[p].NodeIds), $"{description}: path {p} visits other entities");
                Assert.True(expected[p].Relations.SequenceEqual(actual[p].Relations.Select(r => r.Id)), $"{description}: path {p} follows other relations");
            }
            compared += expected.Count;
        }
        Assert.True(compared > pairs, $"only {compared} paths compared; the pairs should mostly be connected");
    }

    [SkippableFact]
    public async Task Paths_on_the_seed_are_the_reference_paths()
    {
        await using (var db = _database.CreateContext())
        {
            var writer = new GraphWriter(db, new SilentNotifier(), TimeProvider.System, NullLogger<GraphWriter>.Instance);
            await new SeedImporter(db, writer, NullLogger<SeedImporter>.Instance).ImportAsync(SeedLocation.Directory);
        }
        await AssertSameAnswersAsync(pairs: 300, seed: 1);
    }

    [SkippableFact]
    public async Task Paths_on_a_generated_graph_with_hubs_are_the_reference_paths()
    {
        await GenerateAsync(3_000);
        await AssertSameAnswersAsync(pairs: 300, seed: 2);
    }

    [SkippableFact]
    public async Task A_level_grows_the_frontier_with_fewer_relations_so_a_hub_is_met_from_the_other_side()
    {
        // The benchmark's shape: the first pilot to the busiest organisation. Growing the side with fewer entities
        // would read the organisation's every relation at the second level; growing the one with fewer relations
        // reads the pilot's neighbours' instead.
        await GenerateAsync(3_000);
        var reference = await RelationsAsync();
        var hub = (await EntityIdsAsync(NodeKind.Organisation)).MaxBy(reference.Degree);
        var pilot = (await EntityIdsAsync(NodeKind.Pilot))[0];

        foreach (var maxHops in new[] { 2, 4 })
        {
            var counting = new CountingReader(_database.Reader);
            _database.ReaderStatements.Clear();

            var paths = await new GraphTraversal(counting).PathsAsync(pilot, hub, maxHops, first: 3);

            Assert.Equal(reference.Paths(pilot, hub, maxHops, 3).Select(p => p.Relations), paths.Select(p => p.Relations.Select(r => r.Id).ToList()));
            // Where either frontier is a single entity, they are compared by their relations (two larger ones by their entities).
            Assert.Contains(counting.Levels, level => level.Other is not null);
            Assert.All(counting.Levels.Where(level => level.Other is not null
                    && (level.Read.Count <= GraphTraversal.MaxCountedFrontier || level.Other.Count <= GraphTraversal.MaxCountedFrontier)),
                level => Assert.True(level.Read.Sum(reference.Degree) <= level.Other!.Sum(reference.Degree),
                    $"read {level.Read.Sum(reference.Degree)} relations where the other frontier had {level.Other!.Sum(reference.Degree)}"));
            // One statement per level (at most maxHops), plus one for the relations of the paths found.
            Assert.InRange(counting.Levels.Count, 1, maxHops);
            Assert.Equal(counting.Levels.Count + (paths.Count > 0 ? 1 : 0), _database.ReaderStatements.Count);
            if (maxHops == 2) Assert.DoesNotContain(counting.Levels, level => level.Read.Contains(hub));
        }
    }

    private sealed class SilentNotifier : IChangeNotifier
    {
        public void Committed(IReadOnlyList<int> revisionNumbers) { }
    }

    /// <summary>The reader, remembering what each level of a walk read.</summary>
    private sealed class CountingReader(IGraphReader inner) : IGraphReader
    {
        /// <summary>Per level, the frontier whose relations it read and the other one (when the level compared them).</summary>
        public List<(IReadOnlyCollection<int> Read, IReadOnlyCollection<int>? Other)> Levels { get; } = [];

        public async Task<FrontierStep> CheaperFrontierEdgesAsync(
            WalkFrontier first, WalkFrontier second, IReadOnlyCollection<RelationType>? types, int limit, CancellationToken ct = default)
        {
            var step = await inner.CheaperFrontierEdgesAsync(first, second, types, limit, ct);
            Levels.Add(step.SecondExpanded ? (second.Ids, first.Ids) : (first.Ids, second.Ids));
            return step;
        }

        public async Task<List<GraphEdge>> EdgesTouchingAsync(
            IReadOnlyCollection<int> frontier, IReadOnlyCollection<RelationType>? types, bool withKinds, int limit, CancellationToken ct = default)
        {
            var edges = await inner.EdgesTouchingAsync(frontier, types, withKinds, limit, ct);
            Levels.Add((frontier, null));
            return edges;
        }

        public Task<List<Entity>> EntitiesAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default) =>
            inner.EntitiesAsync(ids, members, ct);

        public Task<List<Entity>> EntitiesByKeyAsync(IReadOnlyCollection<(NodeKind Kind, string Key)> names, CancellationToken ct = default) =>
            inner.EntitiesByKeyAsync(names, ct);

        public Task<List<Relation>> RelationsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default) =>
            inner.RelationsAsync(ids, members, ct);

        public Task<List<ParentRow<Relation>>> RelationWindowsAsync(
            IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, KeyWindow window, CancellationToken ct = default) =>
            inner.RelationWindowsAsync(parentIds, direction, types, window, ct);

        public Task<Dictionary<int, int>> RelationCountsAsync(
            IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, CancellationToken ct = default) =>
            inner.RelationCountsAsync(parentIds, direction, types, ct);

        public Task<List<ParentRow<T>>> NeighbourWindowsAsync<T>(
            IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind, KeyWindow window,
            IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity =>
            inner.NeighbourWindowsAsync<T>(parentIds, direction, types, kind, window, members, ct);

        public Task<List<Link<T>>> NeighbourLinksAsync<T>(
            IReadOnlyCollection<int> ownerIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind? kind,
            IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity =>
            inner.NeighbourLinksAsync<T>(ownerIds, direction, types, kind, members, ct);
    }
}

public sealed class PathAnswerTestsOnSqlite() : PathAnswerTests(DatabaseProvider.Sqlite);

public sealed class PathAnswerTestsOnPostgres() : PathAnswerTests(DatabaseProvider.Postgres);
