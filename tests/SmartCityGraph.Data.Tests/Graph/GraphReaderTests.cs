using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Graph;

/// <summary>The prepared reads on both engines: what they return, that they read rows as EF Core does, and the plans the engine picks for them.</summary>
public abstract class GraphReaderTests(DatabaseProvider provider) : IDisposable
{
    protected readonly TestDatabase database = TestDatabase.Create(provider);

    private bool OnSqlite => provider == DatabaseProvider.Sqlite;

    public void Dispose() => database.Dispose();

    private static Source Synthetic => new() { Title = "test" };

    protected static readonly RelationType[] Organising = [RelationType.Organises, RelationType.Hosts, RelationType.Coordinates];

    /// <summary>Two organisations: a hub organising 300 events and one organising 3; plus a phase the hub coordinates.</summary>
    protected async Task<(int Hub, int Small, int Phase)> SeedAsync()
    {
        await using var db = database.CreateContext();
        var hub = new Organisation { Key = "hub", Title = "Hub", Sources = [Synthetic] };
        var small = new Organisation { Key = "small", Title = "Small", Sources = [Synthetic] };
        var phase = new Phase { Key = "phase", Title = "Phase", Sources = [Synthetic] };
        var events = Enumerable.Range(0, 300).Select(i => new Event { Key = $"e{i}", Title = $"E{i}", StartDate = new DateOnly(2021, 1, 1), Sources = [Synthetic] }).ToList();
        db.AddRange(hub, small, phase);
        db.AddRange(events);
        db.AddRange(events.Select((e, i) => new Relation { From = hub, To = e, Type = i % 2 == 0 ? RelationType.Organises : RelationType.Hosts, Sources = [Synthetic] }));
        db.AddRange(events.Take(3).Select(e => new Relation { From = small, To = e, Type = RelationType.Organises, Sources = [Synthetic] }));
        db.Add(new Relation { From = hub, To = phase, Type = RelationType.Coordinates, Sources = [Synthetic] });
        await db.SaveChangesAsync();
        return (hub.Id, small.Id, phase.Id);
    }

    [SkippableFact]
    public async Task Each_parent_gets_its_first_n_neighbours_of_the_kind_in_key_order_and_in_both_directions()
    {
        var (hub, small, _) = await SeedAsync();
        var reader = database.Reader;

        var forward = await reader.NeighbourWindowsAsync<Event>([hub, small], WalkDirection.Out, Organising, NodeKind.Event, new(null, null, 5, false), null);
        var hubRows = forward.Where(r => r.ParentId == hub).Select(r => r.Item.Id).Order().ToList();
        Assert.Equal(5, hubRows.Count);
        Assert.Equal(3, forward.Count(r => r.ParentId == small));
        Assert.All(forward, r => Assert.Equal("test", Assert.Single(r.Item.Sources).Title)); // whole entities

        var after = await reader.NeighbourWindowsAsync<Event>([hub], WalkDirection.Out, Organising, NodeKind.Event, new(hubRows[^1], null, 5, false), null);
        Assert.All(after, r => Assert.True(r.Item.Id > hubRows[^1]));
        var last = await reader.NeighbourWindowsAsync<Event>([hub], WalkDirection.Out, Organising, NodeKind.Event, new(null, null, 2, true), null);
        await using (var db = database.CreateContext())
            Assert.Contains(last, r => r.Item.Id == db.Events.Max(e => e.Id));

        var organisers = await reader.NeighbourWindowsAsync<Organisation>([hubRows[0]], WalkDirection.In, Organising, NodeKind.Organisation, new(null, null, 10, false), ["Title"]);
        Assert.Equal([hub, small], organisers.Select(r => r.Item.Id).Order());
        Assert.All(organisers, r => Assert.Empty(r.Item.Sources)); // only the members asked for
        Assert.Contains(organisers, r => r.Item.Title == "Hub");
    }

    [SkippableFact]
    public async Task A_walk_level_counts_both_frontiers_and_reads_only_the_cheaper_one()
    {
        // The hub touches 301 relations, the small organisation 3: whichever is named first, the small one is read.
        var (hub, small, phase) = await SeedAsync();
        var reader = database.Reader;
        await using var db = database.CreateContext();
        var smallRelations = await db.Relations.Where(r => r.FromId == small || r.ToId == small).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();

        var hubFirst = await reader.CheaperFrontierEdgesAsync(new([hub], null), new([small], null), null, 10_001);
        Assert.True(hubFirst.SecondExpanded);
        Assert.Equal((301, 3), (hubFirst.FirstDegree, hubFirst.SecondDegree));
        Assert.Equal(smallRelations, hubFirst.Edges.Select(e => e.Id).Order());

        // Counted second, the hub is counted only one past the small one's degree: enough to know it costs more.
        var smallFirst = await reader.CheaperFrontierEdgesAsync(new([small], null), new([hub], null), null, 10_001);
        Assert.False(smallFirst.SecondExpanded);
        Assert.Equal((3, 4), (smallFirst.FirstDegree, smallFirst.SecondDegree));
        Assert.Equal(smallRelations, smallFirst.Edges.Select(e => e.Id).Order());

        // A known degree is taken as given; types filter both the counts and the relations read.
        var known = await reader.CheaperFrontierEdgesAsync(new([small], 500), new([hub], 7), null, 10_001);
        Assert.True(known.SecondExpanded);
        Assert.Equal((500, 7), (known.FirstDegree, known.SecondDegree));
        Assert.Equal(301, known.Edges.Count);
        // Given the second's degree, the first is counted only one past it.
        var givenSecond = await reader.CheaperFrontierEdgesAsync(new([hub], null), new([small], 3), null, 10_001);
        Assert.Equal((4, 3), (givenSecond.FirstDegree, givenSecond.SecondDegree));
        Assert.True(givenSecond.SecondExpanded);
        Assert.Equal(smallRelations, givenSecond.Edges.Select(e => e.Id).Order());
        var coordinating = await reader.CheaperFrontierEdgesAsync(new([small], null), new([hub, phase], null), [RelationType.Coordinates], 10_001);
        Assert.Equal((0, 1), (coordinating.FirstDegree, coordinating.SecondDegree));
        Assert.False(coordinating.SecondExpanded);
        Assert.Empty(coordinating.Edges);

        // The limit caps the count and the rows; a relation between two frontier entities comes once.
        var capped = await reader.CheaperFrontierEdgesAsync(new([hub, phase], null), new([small], 1_000), null, 51);
        Assert.Equal((51, 1_000), (capped.FirstDegree, capped.SecondDegree));
        Assert.Equal(51, capped.Edges.Count);
        Assert.Equal(capped.Edges.Count, capped.Edges.Select(e => e.Id).Distinct().Count());
    }

    [SkippableFact]
    public async Task Relation_windows_hold_each_parents_first_relations_by_id_in_either_direction_with_their_rows()
    {
        var (hub, small, phase) = await SeedAsync();
        var reader = database.Reader;
        await using var db = database.CreateContext();
        var hubRelations = await db.Relations.Where(r => r.FromId == hub).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();

        var first = await reader.RelationWindowsAsync([hub, small], WalkDirection.Out, null, new(null, null, 4, false));
        Assert.Equal(hubRelations.Take(4), first.Where(r => r.ParentId == hub).Select(r => r.Item.Id).Order());
        Assert.Equal(3, first.Count(r => r.ParentId == small));
        Assert.All(first, r => Assert.Equal(r.ParentId, r.Item.FromId));

        var next = await reader.RelationWindowsAsync([hub], WalkDirection.Out, [RelationType.Coordinates], new(hubRelations[3], null, 4, false));
        Assert.Equal(phase, Assert.Single(next).Item.ToId);

        var both = await reader.RelationWindowsAsync([phase], WalkDirection.Both, null, new(null, null, 4, false));
        Assert.Equal(hub, Assert.Single(both).Item.FromId);

        var counts = await reader.RelationCountsAsync([hub, small, phase], WalkDirection.Both, [RelationType.Organises, RelationType.Coordinates]);
        Assert.Equal(new Dictionary<int, int> { [hub] = 151, [small] = 3, [phase] = 1 }, counts);
        Assert.Equal(301, (await reader.RelationCountsAsync([hub], WalkDirection.Out, null))[hub]);

        await reader.RelationWindowsAsync([hub], WalkDirection.Both, [RelationType.Hosts], new(hubRelations[100], null, 11, false));
        if (!OnSqlite) return; // PostgreSQL's plans: GraphReaderTestsOnPostgres
        var plan = await PlanAsync(database.ReaderStatements[^1], ("$parents", $"[{hub}]"), ("$types", """["Hosts"]"""), ("$take", 11), ("$after", hubRelations[100]));
        Assert.Contains(plan, step => step.Contains("IX_Relations_FromId_Id"));
        Assert.Contains(plan, step => step.Contains("IX_Relations_ToId_Id"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN r") || step.StartsWith("SCAN w"));
    }

    [SkippableFact]
    public async Task Neighbour_links_join_the_relations_and_their_entities_driven_from_the_owners()
    {
        var (hub, small, phase) = await SeedAsync();

        var links = await database.Reader.NeighbourLinksAsync<Organisation>([phase, 999_999], WalkDirection.In, Organising, NodeKind.Organisation, ["Title"]);
        Assert.Equal("Hub", Assert.Single(links).Item.Title);
        var events = await database.Reader.NeighbourLinksAsync<Entity>([small], WalkDirection.Both, Organising, null, null);
        Assert.Equal(3, events.Count);
        Assert.All(events, l => Assert.IsType<Event>(l.Item));

        if (!OnSqlite) return;
        var plan = await PlanAsync(database.ReaderStatements[^2], ("$owners", $"[{phase}]"), ("$types", """["Organises"]"""), ("$kind", "Organisation"));
        Assert.Contains(plan, step => step.StartsWith("SEARCH w USING") && step.Contains("ToId=?"));
        Assert.Contains(plan, step => step.StartsWith("SEARCH c USING INTEGER PRIMARY KEY"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN c") || step.StartsWith("SCAN w"));
        _ = hub;
    }

    [SkippableFact]
    public async Task Entities_by_kind_and_key_seek_the_kind_key_index_and_keep_kinds_apart()
    {
        await SeedAsync();
        await using (var db = database.CreateContext())
        {
            db.Add(new Event { Key = "hub", Title = "An event keyed like the organisation", StartDate = new DateOnly(2022, 1, 1), Sources = [Synthetic] });
            await db.SaveChangesAsync();
        }

        var found = await database.Reader.EntitiesByKeyAsync([(NodeKind.Organisation, "hub"), (NodeKind.Phase, "phase"), (NodeKind.Pilot, "hub")]);
        Assert.Equal(["Hub", "Phase"], found.Select(e => e.Title).Order());

        if (!OnSqlite) return;
        var plan = await PlanAsync(database.ReaderStatements[^1], ("$names", """[["Organisation","hub"]]"""));
        Assert.Contains(plan, step => step.Contains("IX_Entities_Kind_Key") && step.Contains("Key=?"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e"));
    }

    [SkippableFact]
    public async Task Edges_touching_a_frontier_come_once_each_and_with_the_kinds_of_their_ends_when_asked()
    {
        var (hub, small, phase) = await SeedAsync();
        var edges = await database.Reader.EdgesTouchingAsync([hub, phase], null, withKinds: true, limit: 1000);
        Assert.Equal(301, edges.Count); // the hub-phase relation touches both, and counts once
        Assert.Contains(edges, e => e.FromId == hub && e.ToId == phase && e.FromKind == NodeKind.Organisation && e.ToKind == NodeKind.Phase);

        var capped = await database.Reader.EdgesTouchingAsync([hub, small], [RelationType.Organises], withKinds: false, limit: 10);
        Assert.Equal(10, capped.Count);
        Assert.All(capped, e => Assert.Equal(default, e.FromKind));
    }

    [SkippableFact]
    public async Task Rows_read_by_the_prepared_reads_equal_what_EF_Core_reads_for_every_seed_entity_and_relation()
    {
        await using (var db = database.CreateContext())
        {
            await new SeedImporter(db, new GraphWriter(db, new NoChangeNotifier(), TimeProvider.System, NullLogger<GraphWriter>.Instance), NullLogger<SeedImporter>.Instance).ImportAsync(SeedLocation.Directory);
            // What the seed lacks: a dated source, a cancelled event.
            db.Add(new Event
            {
                Key = "dated", Title = "Dated", StartDate = new DateOnly(2021, 3, 1), Cancelled = true, Type = EventType.Forum,
                Sources = [new Source { Title = "dated", RetrievedOn = new DateOnly(2024, 5, 17), Url = "https://example.org" }],
            });
            await db.SaveChangesAsync();
        }
        await using var check = database.CreateContext();
        var entities = await check.Entities.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var relations = await check.Relations.AsNoTracking().OrderBy(r => r.Id).ToListAsync();

        var read = (await database.Reader.EntitiesAsync(entities.Select(e => e.Id).ToList())).OrderBy(e => e.Id).ToList();
        var readRelations = await database.Reader.RelationsAsync(relations.Select(r => r.Id).ToList());

        Assert.Equal(entities.Select(Json), read.Select(Json));
        Assert.Equal(relations.Select(Json), readRelations.Select(Json));
        Assert.Contains(entities, e => e.Sources.Count > 1);
        Assert.Contains(entities, e => e.Sources.Any(s => s.RetrievedOn is not null));
    }

    [SkippableFact]
    public async Task Entities_read_with_some_members_hold_those_and_a_new_objects_values_for_the_rest()
    {
        var (hub, small, phase) = await SeedAsync();
        await using var db = database.CreateContext();
        var whole = await db.Entities.AsNoTracking().Where(e => e.Id == hub || e.Id == small || e.Id == phase).OrderBy(e => e.Id).ToListAsync();

        var read = (await database.Reader.EntitiesAsync([hub, small, phase], [nameof(Entity.Title)])).OrderBy(e => e.Id).ToList();

        Assert.Equal(whole.Select(e => (e.Id, e.Kind, e.Title, e.GetType())), read.Select(e => (e.Id, e.Kind, e.Title, e.GetType())));
        Assert.All(whole, e => Assert.NotEmpty(e.Sources));
        Assert.All(read, e => Assert.Empty(e.Sources));
        // A member no kind maps reads whole entities.
        Assert.Equal(whole.Select(Json), (await database.Reader.EntitiesAsync([hub, small, phase], ["NoSuchMember"])).OrderBy(e => e.Id).Select(Json));
    }

    [SkippableFact]
    public async Task Relations_read_with_some_members_hold_those_and_a_new_objects_values_for_the_rest()
    {
        var (hub, _, _) = await SeedAsync();
        await using var db = database.CreateContext();
        var whole = await db.Relations.AsNoTracking().Where(r => r.FromId == hub).OrderBy(r => r.Id).Take(20).ToListAsync();

        var read = await database.Reader.RelationsAsync(whole.Select(r => r.Id).ToList(), [nameof(Relation.Type), nameof(Relation.FromId), nameof(Relation.ToId)]);

        Assert.Equal(whole.Select(r => (r.Id, r.Type, r.FromId, r.ToId)), read.Select(r => (r.Id, r.Type, r.FromId, r.ToId)));
        Assert.All(whole, r => Assert.NotEmpty(r.Sources));
        Assert.All(read, r => Assert.Empty(r.Sources));
        Assert.Equal(whole.Select(Json), (await database.Reader.RelationsAsync(whole.Select(r => r.Id).ToList(), ["NoSuchMember"])).Select(Json));
    }

    /// <summary>Every public property with its runtime type's values (the kind, dates, enums, sources).</summary>
    private static string Json(object item) => JsonSerializer.Serialize(item, item.GetType());

    /// <summary>SQLite's plan of a prepared read's statement.</summary>
    protected async Task<List<string>> PlanAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return plan;
    }
}

public sealed class GraphReaderTestsOnSqlite() : GraphReaderTests(DatabaseProvider.Sqlite)
{
    [SkippableFact]
    public async Task A_page_of_a_hub_reads_its_index_in_key_order_and_stops_instead_of_sorting_all_its_relations()
    {
        // Regression: pages of a busy organisation's events used a window function over every relation of
        // their type, which timed out at 1M entities. The plan must walk (FromId, ToId, …) in order, no sort.
        var (hub, _, _) = await SeedAsync();
        await database.Reader.NeighbourWindowsAsync<Event>([hub], WalkDirection.Out, Organising, NodeKind.Event, new(null, null, 11, false), ["Title"]);

        var plan = await PlanAsync(database.ReaderStatements[^1],
            ("$parents", $"[{hub}]"), ("$types", """["Organises","Hosts"]"""), ("$take", 11), ("$kind", "Event"));

        Assert.Contains(plan, step => step.Contains("IX_Relations_FromId_ToId_Type"));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY") || step.StartsWith("SCAN w"));
    }

    [SkippableFact]
    public async Task A_walk_level_counts_and_reads_over_the_covering_end_indexes_and_walks_one_frontier_only()
    {
        var (hub, small, _) = await SeedAsync();
        await database.Reader.CheaperFrontierEdgesAsync(new([hub], null), new([small], null), null, 10_001);

        var plan = await PlanAsync(database.ReaderStatements[^1],
            ("$first", $"[{hub}]"), ("$second", $"[{small}]"), ("$firstDegree", -1), ("$secondDegree", -1), ("$limit", 10_001));

        Assert.Contains(plan, step => step.Contains("COVERING INDEX IX_Relations_FromId"));
        Assert.Contains(plan, step => step.Contains("COVERING INDEX IX_Relations_ToId"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN r"));
        // Two branches read relations (one per end of the chosen frontier), not four: the other frontier is never walked.
        Assert.Equal(2, plan.Count(step => step.Contains("USING COVERING INDEX IX_Relations_FromId_ToId_Type") || step.Contains("USING COVERING INDEX IX_Relations_ToId_FromId_Type")));
    }
}

public sealed class GraphReaderTestsOnPostgres() : GraphReaderTests(DatabaseProvider.Postgres)
{
    [SkippableFact]
    public async Task A_page_of_a_hub_walks_the_relation_index_per_parent_with_lateral_and_limit_without_sorting()
    {
        // Each parent's window is an index scan of (FromId, ToId, Type) from that parent, grouped in index order and
        // cut by LIMIT: no sort, no scan of the relations, whatever the hub's size.
        var (hub, small, _) = await SeedAsync();
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        await database.Reader.NeighbourWindowsAsync<Event>([hub, small], WalkDirection.Out, [RelationType.Organises, RelationType.Hosts], NodeKind.Event,
            new(null, null, 11, false), ["Title"]);

        var plan = await Explain.PostgresPositionalAsync(db, database.ReaderStatements[^1],
            [new[] { hub, small }, new[] { "Organises", "Hosts" }, 11, "Event"]);

        Assert.Contains("Nested Loop", plan);
        Assert.Contains("Limit", plan);
        Assert.Contains("IX_Relations_FromId_ToId_Type", plan);
        Assert.DoesNotContain("Sort", plan);
        Assert.DoesNotContain("Seq Scan on \"Relations\"", plan);
    }

}
