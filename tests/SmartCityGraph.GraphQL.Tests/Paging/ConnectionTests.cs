using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.GraphQL.Tests.Paging;

public sealed class ConnectionTests
{
    private static Connection<int> Build(int[] rows, int size, bool backward = false) =>
        Connection<int>.FromRows(rows, PageRequest.Create(backward ? null : size, null, backward ? size : null, null, "test"), "test", x => x,
            () => new DeferredResult<int>(_ => Task.FromResult(0)));

    [Fact]
    public void The_extra_row_only_signals_a_next_page()
    {
        var page = Build([1, 2, 3], size: 2);
        Assert.Equal([1, 2], page.Nodes);
        Assert.True(page.PageInfo.HasNextPage);
        Assert.False(page.PageInfo.HasPreviousPage);
    }

    [Fact]
    public void A_backward_window_is_returned_in_forward_order()
    {
        var page = Build([9, 8, 7], size: 2, backward: true);
        Assert.Equal([8, 9], page.Nodes);
        Assert.True(page.PageInfo.HasPreviousPage);
    }

    [Fact]
    public void A_neighbour_reached_twice_is_shown_once_and_a_full_window_still_reports_more()
    {
        // Regression: an organisation that both leads and funds a pilot appeared twice in its pilots.
        var page = Build([4, 4, 5], size: 2);
        Assert.Equal([4, 5], page.Nodes);
        Assert.True(page.PageInfo.HasNextPage);
    }

    [Fact]
    public void The_list_s_query_is_made_only_when_a_field_reads_it()
    {
        // A root page read by a prepared statement leases no database context unless its count or facets are selected.
        var made = 0;
        var items = new[] { 1, 2, 3 }.AsQueryable();
        var page = Connection<int>.FromRows([1, 2], PageRequest.Create(2, null, null, null, "test"), item => item.ToString(),
            () => new DeferredResult<int>(_ => Task.FromResult(0)), query: () => { made++; return items; });
        Assert.Equal(0, made);

        Assert.Same(items, page.Query);
        Assert.Same(items, page.Query);
        Assert.Equal(1, made);
    }

    [Fact]
    public void An_items_cursor_is_made_only_when_read()
    {
        var made = new List<int>();
        var edge = new Edge<int>(7, item =>
        {
            made.Add(item);
            return Cursor.Encode("test", item);
        });
        Assert.Empty(made);

        Assert.Equal(Cursor.Encode("test", 7), edge.Cursor);
        Assert.Equal(Cursor.Encode("test", 7), edge.Cursor);
        Assert.Equal([7], made); // once
    }

    [Fact]
    public void Keyed_pages_have_their_items_cursors()
    {
        var page = Build([5, 6, 7], size: 2);

        Assert.Equal([Cursor.Encode("test", 5), Cursor.Encode("test", 6)], page.Edges.Select(e => e.Cursor));
        Assert.Equal(Cursor.Encode("test", 5), page.PageInfo.StartCursor);
        Assert.Equal(Cursor.Encode("test", 6), page.PageInfo.EndCursor);
        var backward = Build([9, 8, 7], size: 2, backward: true);
        Assert.Equal([Cursor.Encode("test", 8), Cursor.Encode("test", 9)], backward.Edges.Select(e => e.Cursor));
    }

    [Theory]
    [InlineData(42L)]
    [InlineData(42)]
    [InlineData(0)]
    [InlineData((short)3)]
    public void An_integer_keys_cursor_is_the_text_of_its_json_form(object key)
    {
        // The form cursors had before the shortcut (issued cursors stay valid, answers stay byte for byte).
        var viaJson = new Cursor("Query.events", [System.Text.Json.JsonSerializer.SerializeToElement(key)]).Encode();

        Assert.Equal(viaJson, Cursor.Encode("Query.events", [key]));
        Assert.Equal(viaJson, Cursor.Encode("Query.events", Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture), Cursor.Decode(viaJson, "Query.events", "after").Key);
    }

    [Fact]
    public void Cursors_decode_to_their_keys_and_refuse_other_connections()
    {
        var cursor = Build([41, 42], size: 5).Edges[1].Cursor;
        Assert.Equal(42, Cursor.Decode(cursor, "test", "after").Key);
        var error = Assert.Throws<Errors.GraphQLRequestException>(() => Cursor.Decode(cursor, "other", "after"));
        Assert.Equal(Errors.ErrorCodes.InvalidInput, error.Code);
    }
}
