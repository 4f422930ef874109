using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Data.Synthetic.Postgres;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>
/// A PostgreSQL database with a synthetic graph of 20,000 entities and fresh statistics, so the planner
/// decides as it would on real data (on a handful of rows every plan is a sequential scan).
/// </summary>
public sealed class SyntheticPostgres : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("not initialised");

    public async Task InitializeAsync()
    {
        database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var db = database.CreateContext();
        await new SyntheticGraphGenerator(new PostgresBulkGraphLoader(db)).GenerateAsync(new SyntheticGraphOptions(20_000));
    }

    public Task DisposeAsync()
    {
        database?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The PostgreSQL twins of <see cref="QueryPlanTests"/>: the indexes the hot queries need are there and chosen
/// (checked with EXPLAIN on EF's own SQL and on the raw statements), so the 1M scenarios stay flat.
/// </summary>
public sealed class PostgresQueryPlanTests(SyntheticPostgres synthetic) : IClassFixture<SyntheticPostgres>
{
    [SkippableFact]
    public async Task A_page_of_events_by_date_newest_first_reads_the_kind_date_index_without_sorting()
    {
        await using var db = synthetic.Database.CreateContext();
        var from = new DateOnly(2021, 6, 1);
        var page = db.Events.Where(e => e.StartDate >= from && e.Category == EventCategory.Participation)
            .OrderByDescending(e => e.StartDate).ThenByDescending(e => e.Id).Take(51);

        var plan = await Explain.PostgresAsync(db, page);

        Assert.Contains("IX_Entities_Kind_StartDate_Id", plan);
        Assert.DoesNotContain("Sort", plan);
    }

    [SkippableFact]
    public async Task Entities_by_an_array_of_ids_are_looked_up_by_primary_key()
    {
        // The loaders pass id lists as one parameter: on PostgreSQL an integer[] matched with = ANY.
        await using var db = synthetic.Database.CreateContext();
        var ids = new List<int> { 1, 2, 3 };
        NodeKind? kind = NodeKind.Organisation;
        var lookup = db.Set<Organisation>().Where(e => EF.Parameter(ids).Contains(e.Id) && (kind == null || e.Kind == kind));

        var plan = await Explain.PostgresAsync(db, lookup);

        // A seek by id (the primary key or (Kind, Id)), never a walk over every organisation.
        Assert.Matches(@"Index Cond: \(.*""Id"" = ANY", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task Entities_named_by_kind_and_key_are_found_through_the_kind_key_index()
    {
        await using var db = synthetic.Database.CreateContext();
        var lookup = db.Entities.NamedBy([(NodeKind.Pilot, "pil-000001"), (NodeKind.Organisation, "org-000002")]).Select(e => e.Id);

        var plan = await Explain.PostgresAsync(db, lookup);

        Assert.Contains("IX_Entities_Kind_Key", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task A_level_of_a_walk_reads_the_relations_of_its_frontier_through_both_end_indexes()
    {
        // GraphTraversal's one statement per level: relations touching any frontier node, from either end.
        await using var db = synthetic.Database.CreateContext();
        var frontier = new[] { 10, 20, 30 };
        var level = db.Relations.Where(r => frontier.Contains(r.FromId) || frontier.Contains(r.ToId)).Select(r => new { r.Id, r.FromId, r.ToId });

        var plan = await Explain.PostgresAsync(db, level);

        Assert.Contains("BitmapOr", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task Search_matches_through_the_GIN_index_of_the_search_vector()
    {
        await using var db = synthetic.Database.CreateContext();
        Assert.True(SearchQuery.TryParse("water", out var query, out _));
        var sql = """SELECT count(*) FROM "Entities" AS e WHERE e."SearchVector" @@ to_tsquery('smartcity_simple', {0})""";

        var plan = await Explain.PostgresAsync(db, sql, [SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.PrefixQuery(query)]);

        Assert.Contains("Bitmap Index Scan on \"IX_Entities_SearchVector\"", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }
}
