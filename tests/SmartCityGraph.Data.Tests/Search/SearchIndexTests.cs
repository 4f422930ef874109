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
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    private ISearchIndex Index(SmartCityDbContext db) =>
        provider == DatabaseProvider.Postgres ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db);

    public void Dispose() => _database.Dispose();

    private static Source Cited => new() { Title = "test" };

    private async Task<List<string>> TitlesFor(string text, params NodeKind[] kinds)
    {
        Assert.True(SearchQuery.TryParse(text, out var query, out var error), error);
        await using var db = _database.CreateContext();
        var hits = await Index(db).SearchAsync(query, kinds, 0, 50);
        var ids = hits.Select(h => h.EntityId).ToList();
        var titles = await db.Entities.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Title);
        return ids.Select(id => titles[id]).ToList();
    }

    private async Task Seed()
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
}

public sealed class SearchIndexTestsOnSqlite() : SearchIndexTests(DatabaseProvider.Sqlite);

public sealed class SearchIndexTestsOnPostgres() : SearchIndexTests(DatabaseProvider.Postgres);
