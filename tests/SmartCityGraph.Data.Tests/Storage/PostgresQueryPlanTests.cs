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
        // The prepared reads pass id lists as one integer[] matched with = ANY.
        await using var db = synthetic.Database.CreateContext();
        await synthetic.Database.Reader.EntitiesAsync([1, 2, 3]);

        var plan = await Explain.PostgresPositionalAsync(db, synthetic.Database.ReaderStatements[^1], [new[] { 1, 2, 3 }]);

        Assert.Matches(@"Index Cond: \(.*""Id"" = ANY", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task Entities_named_by_kind_and_key_are_found_through_the_kind_key_index()
    {
        await using var db = synthetic.Database.CreateContext();
        await synthetic.Database.Reader.EntitiesByKeyAsync([(NodeKind.Pilot, "pil-000001"), (NodeKind.Organisation, "org-000002")]);

        var plan = await Explain.PostgresPositionalAsync(db, synthetic.Database.ReaderStatements[^1],
            [new[] { "Pilot", "Organisation" }, new[] { "pil-000001", "org-000002" }]);

        Assert.Contains("IX_Entities_Kind_Key", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task A_level_of_a_walk_reads_the_relations_of_its_frontier_through_both_end_indexes()
    {
        // GraphTraversal's one statement per level: relations touching any frontier node, from either end.
        await using var db = synthetic.Database.CreateContext();
        await synthetic.Database.Reader.EdgesTouchingAsync([10, 20, 30], null, withKinds: true, limit: 501);

        var plan = await Explain.PostgresPositionalAsync(db, synthetic.Database.ReaderStatements[^1], [new[] { 10, 20, 30 }, 501]);

        Assert.Contains("IX_Relations_FromId", plan);
        Assert.Contains("IX_Relations_ToId", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task A_level_of_a_path_search_counts_from_the_end_indexes_and_reads_one_frontier_only()
    {
        // GraphTraversal.PathsAsync's one statement per level: both frontiers' degrees counted (index-only) from the
        // (FromId, …) and (ToId, …) indexes, then the cheaper frontier's relations; the other's branches are cut by
        // one-time filters, so it is never read.
        await using var db = synthetic.Database.CreateContext();
        await synthetic.Database.Reader.CheaperFrontierEdgesAsync(new([10, 20, 30], null), new([40], null), null, 10_001);

        var plan = await Explain.PostgresPositionalAsync(db, synthetic.Database.ReaderStatements[^1], [new[] { 10, 20, 30 }, new[] { 40 }, -1, -1, 10_001]);

        Assert.Contains("Index Only Scan using \"IX_Relations_FromId", plan);
        Assert.Contains("Index Only Scan using \"IX_Relations_ToId", plan);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(plan, "One-Time Filter").Count);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [SkippableFact]
    public async Task Relation_windows_walk_the_id_indexes_of_both_ends_and_stop_at_the_limit()
    {
        // An entity's relations page: per parent, each end's (FromId, Id) or (ToId, Id) index in id order, cut by LIMIT.
        await using var db = synthetic.Database.CreateContext();
        await synthetic.Database.Reader.RelationWindowsAsync([10, 20, 30], SmartCityGraph.Data.Graph.WalkDirection.Both, null, new(5, null, 11, false));

        var plan = await Explain.PostgresPositionalAsync(db, synthetic.Database.ReaderStatements[^1], [new[] { 10, 20, 30 }, 11, 5]);

        Assert.Contains("Limit", plan);
        Assert.Contains("IX_Relations_FromId_Id", plan);
        Assert.Contains("IX_Relations_ToId_Id", plan);
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

    [SkippableTheory]
    [InlineData("water", false)]
    [InlineData("on", false)]
    [InlineData("on", true)]
    public async Task Search_takes_its_candidates_from_the_GIN_index_and_the_hits_relations_from_the_FromId_index(string text, bool withKinds)
    {
        // "on" is in most event titles: even so the candidates come from the GIN index up to the cap, never from a
        // sequential scan (which on a large table starts where the last scan stopped, so each run would score other
        // matches) nor from a walk of the primary key (which reads every earlier entity when the word lives in late ids).
        await using var db = synthetic.Database.CreateContext();
        Assert.True(SearchQuery.TryParse(text, out var query, out _));
        var index = (SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex)synthetic.Database.SearchIndex();
        var hits = await index.SearchAsync(query, withKinds ? [NodeKind.Event, NodeKind.Pilot] : null, 0, 21);
        Assert.NotEmpty(hits);
        List<object> values =
        [
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.PrefixQuery(query),
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.StemQuery(query),
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.AnyWordQuery(query), 21, 0,
        ];
        if (withKinds) values.Add(new[] { "Event", "Pilot" });

        var plan = await Explain.PostgresPositionalAsync(db, index.SearchSql(withKinds), values);

        Assert.Contains("Bitmap Index Scan on \"IX_Entities_SearchVector\"", plan);
        Assert.Contains("IX_Relations_FromId", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.True(plan.Split("PK_Entities").Length <= 2, plan); // the page's entities by id, not the candidates in id order
        Assert.DoesNotContain("IX_Relations_ToId", plan); // one descent per hit, from its outgoing side
    }

    [SkippableTheory]
    [InlineData("water")]
    [InlineData("on")]
    [InlineData("w")]
    public async Task A_one_word_search_reads_its_candidates_from_the_ranking_index_alone(string text)
    {
        // The GIN index can only hand over every match; the ranking's B-tree hands over each word's best first and
        // stops at the cap, without the table ("on" is in most event titles, "w" the prefix of many words).
        await using var db = synthetic.Database.CreateContext();
        Assert.True(SearchQuery.TryParse(text, out var query, out _));
        var index = (SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex)synthetic.Database.SearchIndex();
        Assert.True(SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.UsesRanking(query, null));
        Assert.NotEmpty(await index.SearchAsync(query, null, 0, 21));
        List<object> values =
        [
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.PrefixQuery(query),
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.StemQuery(query),
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.AnyWordQuery(query), 21, 0,
            SmartCityGraph.Data.Search.Postgres.PostgresSearchIndex.RankedWords(query),
        ];

        var plan = await Explain.PostgresPositionalAsync(db, index.RankedSearchSql, values);

        Assert.Contains("Index Only Scan using \"IX_SearchPostings_Lexeme_Rank_EntityId\"", plan);
        Assert.DoesNotContain("IX_Entities_SearchVector", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("IX_Relations_FromId", plan);
        Assert.DoesNotContain("IX_Relations_ToId", plan);
    }
}
