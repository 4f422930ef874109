using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>The indexes the hot queries need are there and chosen on SQLite (checked with EXPLAIN QUERY PLAN on EF's own SQL); <see cref="PostgresQueryPlanTests"/> are the twins.</summary>
public sealed class QueryPlanTests : IDisposable
{
    private readonly TestDatabase database = TestDatabase.Create(DatabaseProvider.Sqlite);

    public void Dispose() => database.Dispose();

    private async Task<List<string>> PlanAsync(IQueryable query)
    {
        await using var db = database.CreateContext();
        // EF prints parameters as ".param set @name value" lines before the statement (sqlite3 shell style).
        var lines = query.ToQueryString().Split('\n');
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param set ")));
        foreach (var line in lines.Where(l => l.StartsWith(".param set ")))
        {
            var parts = line.Split(' ', 4);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[2];
            parameter.Value = parts[3].Trim().Trim('\'');
            command.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return plan;
    }

    [Fact]
    public async Task A_page_of_events_by_date_newest_first_reads_the_kind_date_index_without_sorting()
    {
        // Regression: with an index on (StartDate, Id) SQLite took the Kind index and sorted every event (~430 ms at 1M).
        await using var db = database.CreateContext();
        var from = new DateOnly(2021, 6, 1);
        var page = db.Events.Where(e => e.StartDate >= from && e.Category == EventCategory.Participation)
            .OrderByDescending(e => e.StartDate).ThenByDescending(e => e.Id).Take(51);

        var plan = await PlanAsync(page);

        Assert.Contains(plan, step => step.Contains("IX_Entities_Kind_StartDate_Id"));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE"));
    }

    [Fact]
    public async Task Entities_by_a_json_list_of_ids_and_a_kind_are_looked_up_by_id_not_by_scanning_the_kind()
    {
        // The loaders pass id lists as one JSON parameter (EF.Parameter → json_each); a plan that walks the
        // Kind index instead would read every organisation of the graph for a handful of ids.
        await using var db = database.CreateContext();
        var ids = new List<int> { 1, 2, 3 };
        NodeKind? kind = NodeKind.Organisation;
        var lookup = db.Set<Organisation>().Where(e => EF.Parameter(ids).Contains(e.Id) && (kind == null || e.Kind == kind));

        var plan = await PlanAsync(lookup);

        Assert.Contains(plan, step => step.Contains("VIRTUAL TABLE")); // the JSON list
        Assert.Contains(plan, step => step.StartsWith("SEARCH e ") && step.Contains("Id=?"));
        Assert.DoesNotContain(plan, step => step.Contains("(Kind=?)"));
    }

    [Fact]
    public async Task Entities_named_by_kind_and_key_are_found_through_the_kind_key_index()
    {
        // Regression: filtered by key alone, the lookup behind graph(ids:), paths and timeline scanned every
        // entity (42 ms of a 48 ms neighbourhood request at 1M entities).
        await using var db = database.CreateContext();
        var lookup = db.Entities.NamedBy([(NodeKind.Pilot, "pil-000001"), (NodeKind.Organisation, "org-000002")]).Select(e => e.Id);

        var plan = await PlanAsync(lookup);

        Assert.Contains(plan, step => step.Contains("IX_Entities_Kind_Key") && step.Contains("Key=?"));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN e"));
    }
}
