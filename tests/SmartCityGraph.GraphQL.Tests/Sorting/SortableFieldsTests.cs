using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Sorting;
using SmartCityGraph.GraphQL.Tests.Filtering;

namespace SmartCityGraph.GraphQL.Tests.Sorting;

public abstract class SortableFieldsTests(TestEngine engine) : IDisposable
{
    private const string Scope = "Query.items";

    private static readonly SortableFields<Item> ItemSort = new SortableFields<Item>("Item", "id", i => i.Id)
        .Field("name", i => i.Name)
        .Field("day", i => i.Day);

    private readonly CatalogueDb _db = CatalogueDb.Create(engine);

    public void Dispose() => _db.Dispose();

    private static List<object?> Order(params (string Field, SortDirection Direction)[] keys) =>
        [.. keys.Select(k => (object?)new Dictionary<string, object?> { [k.Field] = k.Direction })];

    /// <summary>Every item, page by page, as a client would walk the connection.</summary>
    private async Task<List<int>> WalkAsync(SortOrder<Item> order, int size, bool backward)
    {
        var scope = Scope + order.Fingerprint;
        var ids = new List<int>();
        string? cursor = null;
        while (true)
        {
            var page = backward
                ? PageRequest.Create(null, null, size, cursor, scope)
                : PageRequest.Create(size, cursor, null, null, scope);
            var connection = await _db.Items.AsNoTracking().ToConnectionAsync(order, page, scope, CancellationToken.None);
            var pageIds = connection.Nodes.Select(i => i.Id).ToList();
            ids.InsertRange(backward ? 0 : ids.Count, pageIds);
            if (!(backward ? connection.PageInfo.HasPreviousPage : connection.PageInfo.HasNextPage)) return ids;
            cursor = backward ? connection.PageInfo.StartCursor : connection.PageInfo.EndCursor;
        }
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task Paging_under_a_sort_visits_every_item_once_in_order(int size)
    {
        // Nulls sort first ascending (as SQLite does); names compare by code ("Epsilon" < "beta workshop").
        var dayDescNameAsc = ItemSort.Order(Order(("day", SortDirection.Descending), ("name", SortDirection.Ascending)));
        var dayAsc = ItemSort.Order(Order(("day", SortDirection.Ascending)));

        Assert.Equal([4, 5, 2, 1, 3], await WalkAsync(dayDescNameAsc, size, backward: false));
        Assert.Equal([4, 5, 2, 1, 3], await WalkAsync(dayDescNameAsc, size, backward: true));
        Assert.Equal([3, 1, 2, 5, 4], await WalkAsync(dayAsc, size, backward: false));
        Assert.Equal([3, 1, 2, 5, 4], await WalkAsync(dayAsc, size, backward: true));
    }

    [SkippableFact]
    public void Null_placement_is_stated_in_the_SQL_so_every_database_agrees()
    {
        var byDay = ItemSort.Order(Order(("day", SortDirection.Ascending)));

        var sql = byDay.Window(_db.Items, new PageRequest(2, false, null, null)).ToQueryString();

        Assert.Contains("CASE", sql);
    }

    [SkippableFact]
    public async Task The_default_order_is_the_unique_key_with_the_original_cursors()
    {
        var order = ItemSort.Order(null);

        Assert.Equal("", order.Fingerprint);
        Assert.Equal([1, 2, 3, 4, 5], await WalkAsync(order, 2, backward: false));
        var page = PageRequest.Create(1, null, null, null, Scope);
        var connection = await _db.Items.ToConnectionAsync(order, page, Scope, CancellationToken.None);
        Assert.Equal(Cursor.Encode(Scope, 1), connection.PageInfo.EndCursor);
        Assert.Equal("Query.items:1", Encoding.UTF8.GetString(Convert.FromBase64String(connection.PageInfo.EndCursor!)));
    }

    [SkippableFact]
    public void A_row_repeated_under_a_sort_is_shown_once_and_cursors_are_the_orders()
    {
        var order = ItemSort.Order(Order(("day", SortDirection.Descending)));
        var scope = Scope + order.Fingerprint;
        var day = new DateOnly(2021, 3, 15);
        Item first = new() { Id = 1, Name = "a", Day = day }, again = new() { Id = 1, Name = "a", Day = day }, tied = new() { Id = 2, Name = "b", Day = day };

        var page = Connection<Item>.FromRows([first, again, tied], PageRequest.Create(5, null, null, null, scope), order, scope,
            () => new DeferredResult<int>(_ => Task.FromResult(0)));

        // Same sort key values as another item's (the day) is not a repeat; the same values all through (the id too) is.
        Assert.Equal([1, 2], page.Nodes.Select(i => i.Id));
        Assert.Equal(order.CursorOf(tied, scope), page.PageInfo.EndCursor);
        Assert.Equal(order.CursorOf(first, scope), page.Edges[0].Cursor);
    }

    [SkippableFact]
    public void A_cursor_of_another_order_or_a_forged_one_is_INVALID_INPUT()
    {
        var byDay = ItemSort.Order(Order(("day", SortDirection.Descending)));
        var cursor = byDay.CursorOf(new Item { Id = 2, Name = "x", Day = new DateOnly(2021, 3, 15) }, Scope + byDay.Fingerprint);
        var byName = ItemSort.Order(Order(("name", SortDirection.Descending)));

        Assert.Equal(ErrorCodes.InvalidInput, Assert.Throws<GraphQLRequestException>(() => Cursor.Decode(cursor, Scope + byName.Fingerprint, "after")).Code);
        Assert.Equal(ErrorCodes.InvalidInput, Assert.Throws<GraphQLRequestException>(() => Cursor.Decode(cursor, Scope, "after")).Code);
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes(Scope + byDay.Fingerprint + ":[\"not a date\",2]"));
        var decoded = Cursor.Decode(forged, Scope + byDay.Fingerprint, "after");
        var page = new PageRequest(2, false, decoded, null);
        Assert.Equal(ErrorCodes.InvalidInput, Assert.Throws<GraphQLRequestException>(() => byDay.Window(_db.Items, page).ToList()).Code);
    }

    [SkippableFact]
    public void A_sort_input_naming_two_fields_or_a_field_twice_is_INVALID_INPUT()
    {
        var twoAtOnce = new List<object?> { new Dictionary<string, object?> { ["name"] = SortDirection.Ascending, ["day"] = SortDirection.Descending } };

        Assert.Equal(ErrorCodes.InvalidInput, Assert.Throws<GraphQLRequestException>(() => ItemSort.Order(twoAtOnce)).Code);
        Assert.Equal(ErrorCodes.InvalidInput, Assert.Throws<GraphQLRequestException>(
            () => ItemSort.Order(Order(("name", SortDirection.Ascending), ("name", SortDirection.Descending)))).Code);
    }

    [SkippableFact]
    public void The_input_type_has_one_SortEnumType_field_per_declaration()
    {
        var input = ItemSort.InputType(new GeneratedTypes());

        Assert.Equal("ItemSortInput", input.Name);
        Assert.Equal(["name", "day"], input.Fields.Select(f => f.Name));
        Assert.All(input.Fields, f => Assert.Equal("SortEnumType", f.ResolvedType!.Name));
    }
}

public sealed class SortableFieldsTestsOnSqlite() : SortableFieldsTests(TestEngine.Sqlite);

public sealed class SortableFieldsTestsOnPostgres() : SortableFieldsTests(TestEngine.Postgres);
