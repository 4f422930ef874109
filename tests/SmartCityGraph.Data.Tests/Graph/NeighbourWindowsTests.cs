using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Graph.Postgres;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Graph;

public abstract class NeighbourWindowsTests(DatabaseProvider provider) : IDisposable
{
    protected readonly TestDatabase database = TestDatabase.Create(provider);

    private INeighbourWindows Windows { get; } =
        provider == DatabaseProvider.Postgres ? new PostgresNeighbourWindows() : new SqliteNeighbourWindows();

    public void Dispose() => database.Dispose();

    private static Source Synthetic => new() { Title = "test" };

    /// <summary>Two organisations: a hub organising 300 events and one organising 3; plus a phase the hub is part of.</summary>
    protected async Task<(int Hub, int Small)> SeedAsync()
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
        return (hub.Id, small.Id);
    }

    [SkippableFact]
    public async Task Each_parent_gets_its_first_n_neighbours_of_the_kind_in_key_order_and_in_both_directions()
    {
        var (hub, small) = await SeedAsync();
        await using var db = database.CreateContext();
        RelationType[] organising = [RelationType.Organises, RelationType.Hosts, RelationType.Coordinates];

        var forward = await Windows.NeighboursAsync(db, [hub, small], WalkDirection.Out, organising, NodeKind.Event, null, null, 5, false, default);
        var hubRows = forward.Where(r => r.ParentId == hub).Select(r => r.ItemId).Order().ToList();
        Assert.Equal(5, hubRows.Count);
        Assert.Equal(3, forward.Count(r => r.ParentId == small));

        var after = await Windows.NeighboursAsync(db, [hub], WalkDirection.Out, organising, NodeKind.Event, hubRows[^1], null, 5, false, default);
        Assert.All(after, r => Assert.True(r.ItemId > hubRows[^1]));
        var last = await Windows.NeighboursAsync(db, [hub], WalkDirection.Out, organising, NodeKind.Event, null, null, 2, true, default);
        var maxEvent = await db.Events.MaxAsync(e => e.Id);
        Assert.Contains(last, r => r.ItemId == maxEvent);

        var organisers = await Windows.NeighboursAsync(db, [hubRows[0]], WalkDirection.In, organising, NodeKind.Organisation, null, null, 10, false, default);
        Assert.Equal([hub, small], organisers.Select(r => r.ItemId).Order());
    }
}

public sealed class NeighbourWindowsTestsOnSqlite() : NeighbourWindowsTests(DatabaseProvider.Sqlite)
{
    [SkippableFact]
    public async Task A_page_of_a_hub_reads_its_index_in_key_order_and_stops_instead_of_sorting_all_its_relations()
    {
        // Regression: pages of a busy organisation's events used a window function over every relation of
        // their type, which timed out at 1M entities. The plan must walk (FromId, ToId, …) in order, no sort.
        var (hub, _) = await SeedAsync();
        await using var db = database.CreateContext();
        var (sql, parameters) = SqliteNeighbourWindows.NeighboursSql([hub], WalkDirection.Out, [RelationType.Organises, RelationType.Hosts], NodeKind.Event, null, null, 11, false);

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + Regex.Replace(sql, @"\{(\d+)\}", m => "@p" + m.Groups[1].Value);
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));

        Assert.Contains(plan, step => step.Contains("IX_Relations_FromId_ToId_Type"));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY") || step.StartsWith("SCAN r"));
    }
}

public sealed class NeighbourWindowsTestsOnPostgres() : NeighbourWindowsTests(DatabaseProvider.Postgres)
{
    [SkippableFact]
    public async Task A_page_of_a_hub_walks_the_relation_index_per_parent_with_lateral_and_limit_without_sorting()
    {
        // The PostgreSQL twin of the SQLite plan test: each parent's window is an index scan of
        // (FromId, ToId, Type) from that parent, grouped in index order and cut by LIMIT — no sort, no scan.
        var (hub, small) = await SeedAsync();
        await using var db = database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        var (sql, parameters) = PostgresNeighbourWindows.NeighboursSql(
            [hub, small], WalkDirection.Out, [RelationType.Organises, RelationType.Hosts], NodeKind.Event, null, null, 11, false);

        var plan = await Explain.PostgresAsync(db, sql, parameters);

        Assert.Contains("Nested Loop", plan);
        Assert.Contains("Limit", plan);
        Assert.Contains("IX_Relations_FromId_ToId_Type", plan);
        Assert.DoesNotContain("Sort", plan);
        Assert.DoesNotContain("Seq Scan on \"Relations\"", plan);
    }
}
