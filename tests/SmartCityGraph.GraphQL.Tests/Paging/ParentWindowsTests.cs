using Microsoft.EntityFrameworkCore;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Sorting;
using SmartCityGraph.GraphQL.Tests.Filtering;

namespace SmartCityGraph.GraphQL.Tests.Paging;

/// <summary>Per-parent pages in one statement: here every item's "children" are all the other items.</summary>
public abstract class ParentWindowsTests(TestEngine engine) : IDisposable
{
    private static readonly SortableFields<Item> ItemSort = new SortableFields<Item>("Item", "id", i => i.Id)
        .Field("name", i => i.Name)
        .Field("day", i => i.Day);

    private readonly CatalogueDb _db = CatalogueDb.Create(engine);

    /// <summary>As the server chooses: LATERAL on PostgreSQL, a correlated IN on SQLite.</summary>
    private ParentWindowShape Shape => engine == TestEngine.Postgres ? ParentWindowShape.Lateral : ParentWindowShape.CorrelatedIn;

    public void Dispose() => _db.Dispose();

    private static SortOrder<Item> Order(string field, SortDirection direction) =>
        ItemSort.Order(new List<object?> { new Dictionary<string, object?> { [field] = direction } });

    private async Task<ILookup<int, Item>> PagesAsync(int[] parents, SortOrder<Item> order, PageRequest page)
    {
        var rows = await ParentWindows.PagesAsync(
            _db.Items.Where(i => parents.Contains(i.Id)).Select(i => i.Id), _db.Items.AsNoTracking(),
            parent => _db.Items.Where(i => i.Id != parent), i => i.Id, order, page, CancellationToken.None, Shape);
        return ParentWindows.InPageOrder(rows, order, page);
    }

    [SkippableFact]
    public async Task Each_parent_gets_its_own_first_rows_in_order_plus_one()
    {
        var order = Order("day", SortDirection.Descending);
        var pages = await PagesAsync([1, 2, 4], order, PageRequest.Create(2, null, null, null, "s"));

        // By day, newest first, no day last; ties (2 and 5 on 15 March) by id descending.
        Assert.Equal([4, 5, 2], pages[1].Select(i => i.Id));
        Assert.Equal([4, 5, 1], pages[2].Select(i => i.Id));
        Assert.Equal([5, 2, 1], pages[4].Select(i => i.Id));
    }

    [SkippableFact]
    public async Task A_parent_pages_forwards_and_backwards_through_the_same_sequence()
    {
        var order = Order("name", SortDirection.Ascending);
        var scope = "s" + order.Fingerprint;
        var expected = _db.Items.AsEnumerable().Where(i => i.Id != 3).OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => i.Id).ToList();

        var forward = new List<int>();
        string? cursor = null;
        while (true)
        {
            var page = PageRequest.Create(1, cursor, null, null, scope);
            var items = (await PagesAsync([3], order, page))[3].ToList();
            forward.AddRange(items.Take(1).Select(i => i.Id));
            if (items.Count <= 1) break;
            cursor = order.CursorOf(items[0], scope);
        }
        var backward = new List<int>();
        cursor = null;
        while (true)
        {
            var page = PageRequest.Create(null, null, 1, cursor, scope);
            var items = (await PagesAsync([3], order, page))[3].ToList();
            backward.InsertRange(0, items.Take(1).Select(i => i.Id));
            if (items.Count <= 1) break;
            cursor = order.CursorOf(items[0], scope);
        }

        Assert.Equal(expected, forward);
        Assert.Equal(expected, backward);
    }

    [SkippableFact]
    public void The_in_memory_comparer_agrees_with_the_order_nulls_first_ascending()
    {
        var items = _db.Items.AsNoTracking().ToList();
        var ascending = items.Order(Order("day", SortDirection.Ascending).Comparer(reversed: false)).Select(i => i.Id);
        var reversed = items.Order(Order("day", SortDirection.Ascending).Comparer(reversed: true)).Select(i => i.Id);

        Assert.Equal([3, 1, 2, 5, 4], ascending);
        Assert.Equal([4, 5, 2, 1, 3], reversed);
    }
}

public sealed class ParentWindowsTestsOnSqlite() : ParentWindowsTests(TestEngine.Sqlite);

public sealed class ParentWindowsTestsOnPostgres() : ParentWindowsTests(TestEngine.Postgres)
{
    [SkippableFact]
    public async Task Each_parents_window_is_a_lateral_subquery()
    {
        // Regression: the correlated IN ran once per (parent, item) pair on PostgreSQL — 8 s for 10 phases at 10k entities.
        await using var db = CatalogueDb.Create(TestEngine.Postgres);
        var order = new SortableFields<Item>("Item", "id", i => i.Id).Order(null);
        await ParentWindows.PagesAsync(db.Items.Select(i => i.Id), db.Items.AsNoTracking(), parent => db.Items.Where(i => i.Id != parent),
            i => i.Id, order, PageRequest.Create(2, null, null, null, "s"), CancellationToken.None, ParentWindowShape.Lateral);

        Assert.Contains("LATERAL", Assert.Single(db.Log.Commands));
    }
}
