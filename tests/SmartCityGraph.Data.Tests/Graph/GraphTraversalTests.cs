using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Graph;

/// <summary>
/// Neighbourhoods and paths on a small hand-made graph:
/// <code>
///   a ─r1 ORGANISES→ e1 ─r4 PART_OF→ p ←r5 PART_OF─ e2
///   a ─r2 ORGANISES→ e2 ←r3 ORGANISES─ b, b ─r8 HOSTS→ e2
///   a ─r9 MEMBER_OF→ b ─r6 LEADS→ x ←r7 FUNDS─ c        lonely (no relations)
/// </code>
/// </summary>
public abstract class GraphTraversalTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private readonly Dictionary<string, int> _id = [];
    private readonly Dictionary<string, int> _relation = [];
    private Dictionary<int, string> _name = [];

    private static List<Source> Cited() => [new Source { Title = "test" }];

    public async Task InitializeAsync()
    {
        await using var db = _database.CreateContext();
        Entity[] entities =
        [
            new Organisation { Key = "a", Title = "A", Sources = Cited() },
            new Organisation { Key = "b", Title = "B", Sources = Cited() },
            new Organisation { Key = "c", Title = "C", Sources = Cited() },
            new Organisation { Key = "lonely", Title = "Lonely", Sources = Cited() },
            new Event { Key = "e1", Title = "E1", StartDate = new DateOnly(2021, 1, 1), Sources = Cited() },
            new Event { Key = "e2", Title = "E2", StartDate = new DateOnly(2021, 2, 1), Sources = Cited() },
            new Phase { Key = "p", Title = "P", Sources = Cited() },
            new Pilot { Key = "x", Title = "X", Sources = Cited() },
        ];
        db.Entities.AddRange(entities);
        await db.SaveChangesAsync();
        foreach (var e in entities) _id[e.Key] = e.Id;
        _name = _id.ToDictionary(kv => kv.Value, kv => kv.Key);

        (string Name, string From, RelationType Type, string To)[] relations =
        [
            ("r1", "a", RelationType.Organises, "e1"), ("r2", "a", RelationType.Organises, "e2"),
            ("r3", "b", RelationType.Organises, "e2"), ("r4", "e1", RelationType.PartOf, "p"),
            ("r5", "e2", RelationType.PartOf, "p"), ("r6", "b", RelationType.Leads, "x"),
            ("r7", "c", RelationType.Funds, "x"), ("r8", "b", RelationType.Hosts, "e2"),
            ("r9", "a", RelationType.MemberOf, "b"),
        ];
        foreach (var (name, from, type, to) in relations)
        {
            var relation = new Relation { FromId = _id[from], ToId = _id[to], Type = type, Sources = Cited() };
            db.Relations.Add(relation);
            await db.SaveChangesAsync();
            _relation[name] = relation.Id;
        }
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(string[] Nodes, string[] Relations, bool Truncated)> Neighbourhood(
        string[] start, int depth, RelationType[]? types = null, NodeKind[]? kinds = null, int limit = 200)
    {
        await using var db = _database.CreateContext();
        var result = await new GraphTraversal(db).NeighbourhoodAsync(new NeighbourhoodRequest(start.Select(s => _id[s]).ToList(), depth, types, kinds, limit));
        var relationNames = _relation.ToDictionary(kv => kv.Value, kv => kv.Key);
        return (result.NodeIds.Select(id => _name[id]).ToArray(), result.Relations.Select(r => relationNames[r.Id]).Order().ToArray(), result.Truncated);
    }

    [SkippableFact]
    public async Task Depth_1_holds_exactly_the_relations_touching_the_start_node()
    {
        var (nodes, relations, truncated) = await Neighbourhood(["e2"], 1);
        Assert.Equal(["e2", "a", "b", "p"], nodes);
        Assert.Equal(["r2", "r3", "r5", "r8"], relations); // not r9 (a–b), though both ends are in
        Assert.False(truncated);
    }

    [SkippableFact]
    public async Task Depth_2_reaches_further()
    {
        var (nodes, relations, _) = await Neighbourhood(["e2"], 2);
        Assert.Equal(["a", "b", "e1", "e2", "p", "x"], nodes.Order().ToArray());
        Assert.Equal(["r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9"], relations);
    }

    [SkippableFact]
    public async Task Types_and_kinds_filter_the_walk_but_start_nodes_stay()
    {
        var members = await Neighbourhood(["a"], 2, types: [RelationType.MemberOf]);
        Assert.Equal(["a", "b"], members.Nodes);
        Assert.Equal(["r9"], members.Relations);
        Assert.False(members.Truncated);
        var events = await Neighbourhood(["a"], 3, kinds: [NodeKind.Event]);
        Assert.Equal(["a", "e1", "e2"], events.Nodes);
        Assert.Equal(["r1", "r2"], events.Relations);
        Assert.Equal(["lonely"], (await Neighbourhood(["lonely"], 3)).Nodes);
    }

    [SkippableFact]
    public async Task The_limit_cuts_the_walk_and_says_so()
    {
        var (nodes, relations, truncated) = await Neighbourhood(["e2"], 2, limit: 3);
        Assert.Equal(["e2", "a", "b"], nodes);
        Assert.True(truncated);
        Assert.All(relations, r => Assert.Contains(r, new[] { "r2", "r3", "r8", "r9" }));
    }

    private async Task<List<(string[] Nodes, string[] Relations)>> Paths(string from, string to, int maxHops = 4, int first = 3)
    {
        await using var db = _database.CreateContext();
        var paths = await new GraphTraversal(db).PathsAsync(_id[from], _id[to], maxHops, first);
        var relationNames = _relation.ToDictionary(kv => kv.Value, kv => kv.Key);
        foreach (var path in paths) AssertConnected(path, _id[from], _id[to]);
        return paths.Select(p => (p.NodeIds.Select(id => _name[id]).ToArray(), p.Relations.Select(r => relationNames[r.Id]).ToArray())).ToList();
    }

    private static void AssertConnected(GraphPath path, int from, int to)
    {
        Assert.Equal(from, path.NodeIds[0]);
        Assert.Equal(to, path.NodeIds[^1]);
        Assert.Equal(path.NodeIds.Count, path.Relations.Count + 1);
        Assert.Equal(path.NodeIds.Count, path.NodeIds.Distinct().Count());
        for (var i = 0; i < path.Relations.Count; i++)
        {
            var r = path.Relations[i];
            var ends = new[] { r.FromId, r.ToId }.Order();
            Assert.Equal(new[] { path.NodeIds[i], path.NodeIds[i + 1] }.Order(), ends);
        }
    }

    [SkippableFact]
    public async Task Paths_come_shortest_first_through_real_relations()
    {
        var paths = await Paths("a", "x", maxHops: 6, first: 10);
        Assert.Equal([2, 3, 3, 5, 5], paths.Select(p => p.Relations.Length));
        Assert.Equal(["a", "b", "x"], paths[0].Nodes);
        Assert.Equal(["r9", "r6"], paths[0].Relations);
        Assert.Equal([["r2", "r3", "r6"], ["r2", "r8", "r6"]], paths.Skip(1).Take(2).Select(p => p.Relations));
    }

    [SkippableFact]
    public async Task Paths_respect_max_hops_and_first()
    {
        Assert.Single(await Paths("a", "x", maxHops: 2));
        Assert.Equal(3, (await Paths("a", "x", maxHops: 6, first: 3)).Count);
        Assert.Empty(await Paths("a", "x", maxHops: 1));
        Assert.Empty(await Paths("a", "lonely", maxHops: 6));
        Assert.Equal(2, (await Paths("c", "e2", maxHops: 3)).Count); // c–x–b–e2 along r3 and along r8
        var self = Assert.Single(await Paths("a", "a"));
        Assert.Equal(["a"], self.Nodes);
        Assert.Empty(self.Relations);
    }

    [SkippableFact]
    public async Task Paths_are_symmetric()
    {
        var forward = await Paths("e1", "x", maxHops: 6, first: 10);
        var backward = await Paths("x", "e1", maxHops: 6, first: 10);
        Assert.Equal(forward.Select(p => p.Relations.Length), backward.Select(p => p.Relations.Length));
        Assert.Equal(forward.Select(p => string.Join(",", p.Relations.Order())).Order(), backward.Select(p => string.Join(",", p.Relations.Order())).Order());
    }
}

public sealed class GraphTraversalTestsOnSqlite() : GraphTraversalTests(DatabaseProvider.Sqlite);

public sealed class GraphTraversalTestsOnPostgres() : GraphTraversalTests(DatabaseProvider.Postgres);
