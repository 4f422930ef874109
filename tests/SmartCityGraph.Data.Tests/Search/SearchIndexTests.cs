using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Search.Postgres;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Search;

/// <summary>The search index (FTS5 on SQLite, tsvector on PostgreSQL) follows every change of the entities table and reads any text safely.</summary>
public abstract class SearchIndexTests(DatabaseProvider provider) : IDisposable
{
    private protected readonly TestDatabase _database = TestDatabase.Create(provider);

    private ISearchIndex Index(SmartCityDbContext db) => _database.SearchIndex();

    public void Dispose() => _database.Dispose();

    private protected static Source Cited => new() { Title = "test" };

    private async Task<List<string>> TitlesFor(string text, params NodeKind[] kinds)
    {
        Assert.True(SearchQuery.TryParse(text, out var query, out var error), error);
        await using var db = _database.CreateContext();
        var hits = await Index(db).SearchAsync(query, kinds, 0, 50);
        var ids = hits.Select(h => h.EntityId).ToList();
        var titles = await db.Entities.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title);
        return ids.Select(id => titles[id]).ToList();
    }

    private protected async Task Seed()
    {
        await using var db = _database.CreateContext();
        db.Entities.AddRange(
            new Pilot { Key = "buergerhaushalt", Title = "Bürger:innenhaushalt und smarte Partizipation", Sources = [Cited] },
            new Pilot { Key = "hardenbergplatz", Title = "Smart Space Hardenbergplatz", SeedTitle = "Smarte Stadtplätze gestalten", Sources = [Cited] },
            new Organisation { Key = "bwb", Title = "Berliner Wasserbetriebe", Abbreviation = "BWB", Sources = [Cited] },
            new Event { Key = "e1", Title = "Auftakt", Type = EventType.OnlineConsultation, StartDate = new DateOnly(2021, 5, 1), Sources = [Cited] });
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task Matching_ignores_case_and_diacritics_splits_at_colons_and_matches_prefixes()
    {
        await Seed();
        Assert.Equal(["Bürger:innenhaushalt und smarte Partizipation"], await TitlesFor("Bürger"));
        Assert.Equal(["Bürger:innenhaushalt und smarte Partizipation"], await TitlesFor("BURGER innenhaushalt"));
        Assert.Equal(["Smart Space Hardenbergplatz"], await TitlesFor("hardenberg"));
        Assert.Equal(["Smart Space Hardenbergplatz"], await TitlesFor("stadtplatze")); // the alias, without umlaut
        Assert.Equal(["Berliner Wasserbetriebe"], await TitlesFor("bwb"));
        Assert.Equal(["Auftakt"], await TitlesFor("online consultation"));
        Assert.Empty(await TitlesFor("hardenberg", NodeKind.Organisation));
    }

    [SkippableFact]
    public async Task The_index_follows_inserts_updates_and_deletes()
    {
        await Seed();
        await using (var db = _database.CreateContext())
        {
            var pilot = await db.Pilots.SingleAsync(p => p.Key == "hardenbergplatz");
            pilot.Title = "Smart Space Breitscheidplatz";
            await db.SaveChangesAsync();
        }
        Assert.Empty(await TitlesFor("hardenberg"));
        Assert.Equal(["Smart Space Breitscheidplatz"], await TitlesFor("breitscheid"));

        await using (var db = _database.CreateContext())
        {
            await db.Entities.Where(e => e.Key == "bwb").ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Entities" SET "Summary" = 'Regenwasser' WHERE "Key" = 'e1'""");
        }
        Assert.Empty(await TitlesFor("Wasserbetriebe"));
        Assert.Equal(["Auftakt"], await TitlesFor("regenwasser"));

        if (provider == DatabaseProvider.Sqlite)
        {
            await using var check = _database.CreateContext();
            await check.Database.ExecuteSqlRawAsync("INSERT INTO EntitySearch(EntitySearch, rank) VALUES ('integrity-check', 1)");
        }
    }

    [SkippableTheory]
    [InlineData("\"unbalanced")]
    [InlineData("hardenberg*")]
    [InlineData("NEAR(hardenberg smart)")]
    [InlineData("hardenberg AND OR NOT")]
    [InlineData("title:hardenberg ^smart")]
    [InlineData("(hardenberg")]
    [InlineData("- hardenberg +")]
    public async Task Query_syntax_in_the_text_is_read_as_words(string text)
    {
        await Seed();
        var titles = await TitlesFor(text); // must not throw
        Assert.True(titles.Count <= 1);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   \t ")]
    [InlineData("\"*():^")]
    public void Texts_without_words_are_refused(string text) =>
        Assert.False(SearchQuery.TryParse(text, out _, out _));

    [SkippableFact]
    public void Texts_over_the_cap_are_refused()
    {
        Assert.True(SearchQuery.TryParse(new string('a', SearchQuery.MaxLength), out _, out _));
        Assert.False(SearchQuery.TryParse(new string('a', 10_000), out _, out var error));
        Assert.Contains("200", error);
    }

    [SkippableFact]
    public void Glossary_words_also_match_their_translation()
    {
        Assert.True(SearchQuery.TryParse("Wasser", out var query, out _));
        Assert.Equal("(\"Wasser\"* OR \"water\"*)", SqliteSearchIndex.MatchExpression(query));
        Assert.Equal("(Wasser:* | water:*)", PostgresSearchIndex.PrefixQuery(query));
    }

    /// <summary>
    /// A broad search's data: <paramref name="events"/> events titled "Water event …" (or, with
    /// <paramref name="wordInSummary"/>, "Event …" with "water" only in their summaries), then the best match of all (an
    /// organisation titled just "Water") after them in index and table order.
    /// </summary>
    protected async Task AddWaterEventsAndALateBestMatchAsync(int events, bool wordInSummary = false)
    {
        await using var db = _database.CreateContext();
        db.Entities.AddRange(Enumerable.Range(0, events).Select(i => new Event
        {
            Key = $"water-{i}",
            Title = wordInSummary ? $"Event {i}" : $"Water event {i}",
            Summary = (wordInSummary ? "about water, " : "") + "long summary " + string.Join(' ', Enumerable.Repeat("filler", 20)),
            StartDate = new DateOnly(2021, 1, 1),
            Sources = [Cited],
        }));
        await db.SaveChangesAsync();
        db.Add(new Organisation { Key = "late", Title = "Water", Sources = [Cited] });
        await db.SaveChangesAsync();
    }
}

public sealed class SearchIndexTestsOnSqlite() : SearchIndexTests(DatabaseProvider.Sqlite)
{
    [SkippableFact]
    public async Task A_kept_ranking_answers_every_page_as_ranking_afresh_would_with_one_light_statement()
    {
        await AddWaterEventsAndALateBestMatchAsync(40, wordInSummary: true);
        Assert.True(SearchQuery.TryParse("water", out var query, out _));
        var kept = _database.SearchIndex();
        foreach (var (offset, reads) in new (int, SearchReads)[]
                 {
                     (0, SearchReads.All), (10, SearchReads.All), (0, new(false, ["Title"])), (35, new(true, ["Title"])), (5, SearchReads.All),
                 })
        {
            var afresh = await _database.SearchIndex().SearchAsync(query, null, offset, 10, reads); // a new index keeps nothing
            _database.ReaderStatements.Clear();
            var fromKept = await kept.SearchAsync(query, null, offset, 10, reads);

            Assert.Equal(Describe(afresh), Describe(fromKept));
            var statement = Assert.Single(_database.ReaderStatements);
            if (offset != 0 || reads != SearchReads.All) // the first search ranks; the others read their page by id
                Assert.DoesNotContain("bm25(", statement, StringComparison.Ordinal);
        }

        static List<string> Describe(IReadOnlyList<SearchMatch> hits) =>
            hits.Select(h => $"{h.EntityId} {h.Score:R} {h.MatchCount} {h.Highlight} {h.Entity!.GetType().Name} {h.Entity.Title} {h.Entity.Sources.Count}").ToList();
    }

    [SkippableFact]
    public async Task A_change_recorded_in_the_history_makes_the_next_search_rank_again()
    {
        // The write path records a revision with every change: a ranking made at an older head revision no longer holds.
        await Seed();
        Assert.True(SearchQuery.TryParse("wasser", out var query, out _));
        var index = _database.SearchIndex();
        Assert.Equal(["Berliner Wasserbetriebe"], (await index.SearchAsync(query, null, 0, 10)).Select(h => h.Entity!.Title));

        await using (var db = _database.CreateContext())
        {
            var water = await db.Entities.SingleAsync(e => e.Key == "bwb");
            water.Title = "Die Berliner Wasserbetriebe";
            db.Entities.Add(new Organisation { Key = "kwb", Title = "Kompetenzzentrum Wasser Berlin", Sources = [Cited] });
            db.Revisions.Add(new Revision
            {
                Number = 1, At = DateTime.UtcNow, Actor = "test", Action = RevisionAction.Update, SubjectType = RevisionSubject.Entity,
                SubjectRowId = water.Id, SubjectKind = NodeKind.Organisation, SubjectKey = "bwb", Version = 2,
            });
            await db.SaveChangesAsync();
        }

        var titles = (await index.SearchAsync(query, null, 0, 10)).Select(h => h.Entity!.Title).ToList();
        Assert.Equal(2, titles.Count);
        Assert.Contains("Die Berliner Wasserbetriebe", titles);
        Assert.Contains("Kompetenzzentrum Wasser Berlin", titles);
    }

    [SkippableFact]
    public async Task A_broad_search_scores_only_the_first_matches_in_index_order_and_still_counts_them_all()
    {
        // At 1M entities "water" matched 44,701 of them, every one scored before the best could be taken (68 ms);
        // the cost must not grow with the number of matches.
        await AddWaterEventsAndALateBestMatchAsync(SqliteSearchIndex.MaxScoredMatches + 100);
        Assert.True(SearchQuery.TryParse("water", out var query, out _));
        var index = _database.SearchIndex();

        var hits = await index.SearchAsync(query, null, 0, 10);

        Assert.Equal(10, hits.Count);
        Assert.All(hits, h => Assert.StartsWith("Water event", h.Entity!.Title));
        // At the cap the page cannot know the total: only the count statement does.
        Assert.All(hits, h => Assert.Null(h.MatchCount));
        Assert.Equal(SqliteSearchIndex.MaxScoredMatches + 101, await index.CountAsync(query, null));
        Assert.Equal("Water", Assert.Single(await index.SearchAsync(query, [NodeKind.Organisation], 0, 10)).Entity!.Title);
    }

    [Fact]
    public async Task A_page_below_the_scoring_cap_carries_the_total_so_no_count_statement_is_needed()
    {
        await Seed();
        var index = _database.SearchIndex();
        foreach (var (text, kinds) in new (string, NodeKind[]?)[] { ("smart", null), ("smart", [NodeKind.Pilot]), ("wasser", [NodeKind.Organisation]) })
        {
            Assert.True(SearchQuery.TryParse(text, out var query, out _));
            var total = await index.CountAsync(query, kinds);
            var page = await index.SearchAsync(query, kinds, 0, 1);
            Assert.True(total > 0, text);
            Assert.All(page, hit => Assert.Equal(total, hit.MatchCount));
            // A page past the last hit holds no row to carry it.
            Assert.Empty(await index.SearchAsync(query, kinds, total, 1));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_neighbour_gain_is_summed_once_per_search_not_in_a_correlated_subquery_per_hit(bool withKinds)
    {
        // Regression (the throughput issue): a correlated sum over the gains made SQLite build an automatic index
        // over them on every search: about half of a search's time on the seed.
        var plan = await SearchPlan(withKinds);

        Assert.DoesNotContain(plan, step => step.StartsWith("CORRELATED", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("gained", StringComparison.Ordinal));
        // The relations between hits are found from one end only: one probe of the relation index per hit, not two.
        Assert.Single(plan, step => step.StartsWith("SEARCH r USING COVERING INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN r", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_total_carried_with_the_page_counts_the_scored_hits_without_matching_again(bool withKinds)
    {
        // The count that spares the second statement is the number of scored hits the statement returns (every one,
        // to keep the ranking): the full-text index is matched twice (the hits, the page's snippets), as before the count
        // moved in, and the scored hits are read once for the ranking and once for the page.
        var plan = await SearchPlan(withKinds);

        Assert.Equal(2, plan.Count(step => step.StartsWith("SCAN EntitySearch VIRTUAL TABLE", StringComparison.Ordinal)));
        Assert.Equal(2, plan.Count(step => step == "SCAN scored"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_snippets_pass_stops_at_the_last_scored_hit(bool withKinds)
    {
        // The second match (for the page's snippets) gets an upper rowid bound (FTS5 marks it '<'), so a broad word
        // at 1M entities does not walk all its matches; the bound is the hits' max, not subqueries over the page.
        var plan = await SearchPlan(withKinds);

        var scans = plan.Where(step => step.StartsWith("SCAN EntitySearch VIRTUAL TABLE", StringComparison.Ordinal)).ToList();
        Assert.Single(scans, step => step.Contains('<', StringComparison.Ordinal));
        Assert.DoesNotContain(scans, step => step.Contains('>', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reading_only_what_the_caller_uses_keeps_the_ranking_and_skips_the_snippets_and_unread_columns(bool withKinds)
    {
        // The throughput issue: `entity { id kind title }` without `highlight` made every search cut snippets and read
        // whole entities (their summaries, the kind's fields, the sources' JSON).
        await Seed();
        var index = _database.SearchIndex();
        NodeKind[]? kinds = withKinds ? [NodeKind.Pilot, NodeKind.Organisation] : null;
        foreach (var text in new[] { "smart", "wasser", "bürger" })
        {
            Assert.True(SearchQuery.TryParse(text, out var query, out _));
            var whole = await index.SearchAsync(query, kinds, 0, 10);
            var narrow = await index.SearchAsync(query, kinds, 0, 10, new SearchReads(false, ["Title", "Key"]));

            Assert.Equal(whole.Select(h => (h.EntityId, h.Score, h.MatchCount)), narrow.Select(h => (h.EntityId, h.Score, h.MatchCount)));
            Assert.All(narrow, h => Assert.Null(h.Highlight));
            Assert.Equal(whole.Select(h => (h.Entity!.GetType(), h.Entity.Kind, h.Entity.Key, h.Entity.Title)),
                narrow.Select(h => (h.Entity!.GetType(), h.Entity.Kind, h.Entity.Key, h.Entity.Title)));
            Assert.All(whole, h => Assert.NotEmpty(h.Entity!.Sources));
            Assert.All(narrow, h => Assert.Empty(h.Entity!.Sources)); // not read
            // With highlights but few columns the snippets are the same as with whole entities.
            var highlighted = await index.SearchAsync(query, kinds, 0, 10, new SearchReads(true, ["Title"]));
            Assert.Equal(whole.Select(h => h.Highlight), highlighted.Select(h => h.Highlight));
        }

        var sql = ((SqliteSearchIndex)index).SearchSql(withKinds, highlights: false, entityMembers: ["Title"]);
        Assert.DoesNotContain("snippet(", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Sources\"", sql, StringComparison.Ordinal);
        // Without snippets the full-text index is matched once.
        var plan = await SearchPlan(sql);
        Assert.Single(plan, step => step.StartsWith("SCAN EntitySearch VIRTUAL TABLE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_no_kind_maps_reads_whole_entities()
    {
        await Seed();
        Assert.True(SearchQuery.TryParse("smart", out var query, out _));
        var hits = await _database.SearchIndex().SearchAsync(query, null, 0, 10, new SearchReads(true, ["NoSuchMember"]));
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.NotEmpty(h.Entity!.Sources));
    }

    private Task<List<string>> SearchPlan(bool withKinds) => SearchPlan(((SqliteSearchIndex)_database.SearchIndex()).SearchSql(withKinds));

    private async Task<List<string>> SearchPlan(string sql)
    {
        await using var db = _database.CreateContext();
        return await Explain.SqliteAsync(db, sql, new Dictionary<string, object>
        {
            ["$match"] = "\"smart\"*", ["$count"] = 11, ["$offset"] = 0, ["$kinds"] = "[\"Pilot\"]",
        });
    }
}

public sealed class SearchIndexTestsOnPostgres() : SearchIndexTests(DatabaseProvider.Postgres)
{
    [SkippableFact]
    public async Task A_broad_one_word_search_scores_the_best_matches_of_the_precomputed_ranking_and_still_counts_them_all()
    {
        // At 1M entities "water" matched 44,701 entities, and the GIN index can only hand over every match before the
        // best are known. The ranking's index hands over the best first and stops at the cap, so the work per search
        // does not grow with the matches, and a title match stored after a thousand summary matches still leads.
        await AddWaterEventsAndALateBestMatchAsync(PostgresSearchIndex.MaxScoredMatches + 100, wordInSummary: true);
        Assert.True(SearchQuery.TryParse("water", out var query, out _));
        Assert.True(PostgresSearchIndex.UsesRanking(query, null));
        var index = _database.SearchIndex();

        var firstPage = await index.SearchAsync(query, null, 0, 10);
        var lastReachable = await index.SearchAsync(query, null, PostgresSearchIndex.MaxScoredMatches - 5, 10);

        Assert.Equal(10, firstPage.Count);
        Assert.Equal("Water", firstPage[0].Entity!.Title);
        Assert.All(firstPage.Skip(1), h => Assert.StartsWith("Event", h.Entity!.Title));
        Assert.Equal(5, lastReachable.Count); // the ranking is as deep as the cap, no deeper
        Assert.Equal(SearchQuery.MaxRankedHits, PostgresSearchIndex.MaxScoredMatches);
        Assert.Equal(PostgresSearchIndex.MaxScoredMatches + 101, await index.CountAsync(query, null));
        // With a kind filter the GIN index finds the candidates.
        Assert.Equal("Water", Assert.Single(await index.SearchAsync(query, [NodeKind.Organisation], 0, 10)).Entity!.Title);
        // The same search twice scores the same matches: paging by offset stays consistent.
        Assert.Equal(firstPage.Select(h => h.EntityId), (await index.SearchAsync(query, null, 0, 10)).Select(h => h.EntityId));
    }

    [SkippableFact]
    public async Task Below_the_cap_the_ranking_and_the_GIN_index_score_the_same_hits_the_same()
    {
        await Seed();
        await AddWaterEventsAndALateBestMatchAsync(30, wordInSummary: true);
        var index = _database.SearchIndex();
        var everyKind = Enum.GetValues<NodeKind>(); // a kind filter that keeps all: the GIN path
        foreach (var text in new[] { "water", "wasser", "smart", "event", "e", "burger", "STADTPLÄTZE", "2021" })
        {
            Assert.True(SearchQuery.TryParse(text, out var query, out _));
            Assert.True(PostgresSearchIndex.UsesRanking(query, null), text);
            var ranked = await index.SearchAsync(query, null, 0, 100);
            var matched = await index.SearchAsync(query, everyKind, 0, 100);
            Assert.Equal(matched.Select(h => (h.EntityId, h.Score, h.Highlight)), ranked.Select(h => (h.EntityId, h.Score, h.Highlight)));
        }
    }

    [SkippableFact]
    public async Task The_ranking_follows_a_bulk_delete_and_ranks_words_with_quotes_and_backslashes()
    {
        await Seed();
        Assert.True(SearchQuery.TryParse("hardenberg", out var query, out _));
        var index = _database.SearchIndex();
        Assert.Single(await index.SearchAsync(query, null, 0, 10));

        await using (var db = _database.CreateContext())
        {
            // The parser splits words at quotes, but a vector may be built otherwise: the one-word query is quoted.
            var odd = await db.Database.SqlQueryRaw<float>("""
                SELECT "Rank" AS "Value" FROM smartcity_postings($v$'o''brien':1A 'back\\slash':2A$v$::tsvector)
                """).ToListAsync();
            Assert.Equal(2, odd.Count);
            Assert.All(odd, rank => Assert.True(rank > 0));

            await db.Entities.ExecuteDeleteAsync();
            Assert.Equal(0L, await db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM "SearchPostings" """).SingleAsync());
        }
        Assert.Empty(await index.SearchAsync(query, null, 0, 10));
    }

    [Theory]
    [InlineData("water", true)]
    [InlineData("Wasser", true)]  // with its translation: still one word
    [InlineData("smart water", false)] // several words intersect in the GIN index
    [InlineData("cafe\u0301", false)] // a combining mark may split a word in the database's parser
    public void One_plain_word_without_kinds_takes_the_ranking(string text, bool ranked)
    {
        Assert.True(SearchQuery.TryParse(System.Text.RegularExpressions.Regex.Unescape(text), out var query, out _));
        Assert.Equal(ranked, PostgresSearchIndex.UsesRanking(query, null));
        Assert.False(PostgresSearchIndex.UsesRanking(query, [NodeKind.Event]));
    }
}
