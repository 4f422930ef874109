using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.GraphQL.Tests.Faceting;

public abstract class FacetableFieldsTests(TestEngine engine) : IDisposable
{
    private static readonly FacetableFields<Book> BookFacets = new FacetableFields<Book>("Book")
        .Value("genre", b => b.Genre)
        .Derived<string>("shelf", ctx =>
        {
            var today = (DateOnly)ctx.UserContext["today"]!;
            return b => b.Withdrawn ? "withdrawn" : b.Acquired > today ? "on order" : "on shelf";
        }, "Where a book is, on a given day.")
        .MonthAndYear("published", "published", b => b.Published)
        .MonthAndYear("acquired", "acquired", b => b.Acquired)
        .Relation("authors", b => b.Authors, a => a.Id, a => a.Key, a => a.Name, key => "Author:" + key, "Books per author.", top: 2)
        .RelatedValue("authorInitial", b => b.Id, b => b.Authors.Select(a => a.Name.Substring(0, 1)), "Books per initial of their authors.")
        .DateRange("published", b => b.Published)
        .DateRange("acquired", b => b.Acquired);

    private readonly ShelfDb _db = ShelfDb.Create(engine);

    public void Dispose() => _db.Dispose();

    private static IResolveFieldContext Context() =>
        new ResolveFieldContext { UserContext = new Dictionary<string, object?> { ["today"] = new DateOnly(2022, 1, 25) } };

    private async Task<(string? Value, string? Label, int Count)[]> Facet(string name, IQueryable<Book>? source = null)
    {
        var facet = BookFacets.Facets.Single(f => f.Name == name);
        var values = await facet.CountAsync(source ?? _db.Books, Context(), CancellationToken.None);
        return [.. values.Select(v => (v.Value, v.Label, v.Count))];
    }

    [SkippableFact]
    public async Task A_value_facet_counts_every_item_once_most_frequent_first_with_a_null_bucket()
    {
        Assert.Equal([("NOVEL", null, 2), ("ESSAY", null, 1), ("POETRY", null, 1), (null, null, 1)], await Facet("genre"));
        Assert.Single(_db.Log.Commands);
    }

    [SkippableFact]
    public async Task A_facet_counts_the_filtered_items_only()
    {
        var recent = _db.Books.Where(b => b.Acquired < new DateOnly(2022, 2, 1));

        Assert.Equal([("NOVEL", null, 2), ("ESSAY", null, 1)], await Facet("genre", recent));
        Assert.Equal([("2020", null, 1), ("2021", null, 2)], await Facet("publishedYear", recent));
    }

    [SkippableFact]
    public async Task Dates_are_bucketed_by_month_and_year_chronologically_with_no_date_last()
    {
        Assert.Equal([("2020-01", null, 1), ("2021-03", null, 2), ("2021-12", null, 1), (null, null, 1)], await Facet("publishedMonth"));
        Assert.Equal([("2020", null, 1), ("2021", null, 3), (null, null, 1)], await Facet("publishedYear"));
        Assert.Equal([("2022-01", null, 3), ("2022-02", null, 1), ("2023-07", null, 1)], await Facet("acquiredMonth"));
        Assert.Equal([("2022", null, 4), ("2023", null, 1)], await Facet("acquiredYear"));
    }

    [SkippableFact]
    public async Task A_derived_value_is_computed_in_SQL_from_the_request()
    {
        Assert.Equal([("on order", null, 2), ("on shelf", null, 2), ("withdrawn", null, 1)], await Facet("shelf"));
        Assert.Single(_db.Log.Commands);
    }

    [SkippableFact]
    public async Task Single_valued_facets_add_up_to_the_number_of_items()
    {
        foreach (var name in new[] { "genre", "shelf", "publishedMonth", "publishedYear", "acquiredMonth", "acquiredYear" })
            Assert.Equal(_db.Books.Count(), (await Facet(name)).Sum(v => v.Count));
    }

    [SkippableFact]
    public async Task A_relation_facet_gives_the_top_related_items_with_value_and_label()
    {
        Assert.Equal([("Author:ada", "Ada", 3), ("Author:bea", "Bea", 2)], await Facet("authors"));
        Assert.Equal([("Author:ada", "Ada", 2), ("Author:bea", "Bea", 1)], await Facet("authors", _db.Books.Where(b => b.Genre == Genre.Novel)));
        Assert.Empty(await Facet("authors", _db.Books.Where(b => b.Withdrawn)));
        Assert.Equal(3, _db.Log.Commands.Count);
    }

    [SkippableFact]
    public async Task A_related_value_facet_counts_each_item_once_per_distinct_value()
    {
        await using var db = ShelfDb.Create(engine);
        db.Authors.Add(new Author { Key = "ann", Name = "Ann" });
        await db.SaveChangesAsync();
        var one = db.Books.Include(b => b.Authors).Single(b => b.Title == "One");
        one.Authors.Add(db.Authors.Single(a => a.Key == "ann")); // "One" now has Ada, Ann and Bea: initial A once
        await db.SaveChangesAsync();
        db.Log.Commands.Clear();

        var facet = BookFacets.Facets.Single(f => f.Name == "authorInitial");
        var values = await facet.CountAsync(db.Books, Context(), CancellationToken.None);

        // A: One, Two, Three; B: One, Five; C: Three. Four has no author and counts nowhere.
        Assert.Equal([("A", 3), ("B", 2), ("C", 1)], values.Select(v => (v.Value, v.Count)));
        Assert.Single(db.Log.Commands);
    }

    [SkippableFact]
    public async Task Date_ranges_come_in_one_statement_and_are_empty_for_no_items()
    {
        var ranges = await BookFacets.DateRangesAsync(_db.Books, CancellationToken.None);

        Assert.Equal([new DateRange(new DateOnly(2020, 1, 2), new DateOnly(2021, 12, 24)), new DateRange(new DateOnly(2022, 1, 5), new DateOnly(2023, 7, 9))], ranges);
        Assert.Single(_db.Log.Commands);
        Assert.Equal([new DateRange(null, null), new DateRange(null, null)], await BookFacets.DateRangesAsync(_db.Books.Where(b => b.Id < 0), CancellationToken.None));
        Assert.Equal([new DateRange(null, null), new DateRange(new DateOnly(2023, 7, 9), new DateOnly(2023, 7, 9))],
            await BookFacets.DateRangesAsync(_db.Books.Where(b => b.Withdrawn), CancellationToken.None));
    }

    [SkippableFact]
    public void The_connection_gets_facets_and_aggregate_types_with_bounded_list_sizes()
    {
        var connection = new ObjectGraphType<Connection<Book>> { Name = "BooksConnection" };
        connection.AddFacets(BookFacets);

        var facets = (IObjectGraphType)connection.GetField("facets")!.ResolvedType!;
        Assert.Equal("BookFacets", facets.Name);
        Assert.Equal(["genre", "shelf", "publishedMonth", "publishedYear", "acquiredMonth", "acquiredYear", "authors", "authorInitial"], facets.Fields.Select(f => f.Name));
        Assert.Equal(4, facets.GetField("genre")!.GetListSize());   // three genres and none
        Assert.Equal(2, facets.GetField("authors")!.GetListSize()); // the top 2
        var aggregate = (IObjectGraphType)connection.GetField("aggregate")!.ResolvedType!;
        Assert.Equal("BookAggregate", aggregate.Name);
        Assert.Equal(["published", "acquired"], aggregate.Fields.Select(f => f.Name));
    }

    [SkippableFact]
    public void Declarations_refuse_duplicates_and_too_many_date_ranges()
    {
        Assert.Throws<ArgumentException>(() => new FacetableFields<Book>("Book").Value("genre", b => b.Genre).Value("genre", b => b.Title));
        var fields = new FacetableFields<Book>("Book");
        for (var i = 0; i < FacetableFields<Book>.MaxDateRanges; i++) fields.DateRange("d" + i, b => b.Published);
        Assert.Throws<NotSupportedException>(() => fields.DateRange("more", b => b.Published));
    }
}

public sealed class FacetableFieldsTestsOnSqlite() : FacetableFieldsTests(TestEngine.Sqlite);

public sealed class FacetableFieldsTestsOnPostgres() : FacetableFieldsTests(TestEngine.Postgres);
