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
    public void Cursors_decode_to_their_keys_and_refuse_other_connections()
    {
        var cursor = Build([41, 42], size: 5).Edges[1].Cursor;
        Assert.Equal(42, Cursor.Decode(cursor, "test", "after").Key);
        var error = Assert.Throws<Errors.GraphQLRequestException>(() => Cursor.Decode(cursor, "other", "after"));
        Assert.Equal(Errors.ErrorCodes.InvalidInput, error.Code);
    }
}
