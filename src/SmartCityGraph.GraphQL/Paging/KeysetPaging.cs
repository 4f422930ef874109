using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>
/// Seek pagination: a page is found through the index, never by skipping rows, so page 1,000 costs
/// what page 1 costs.
/// </summary>
public static class KeysetPaging
{
    /// <summary>One page in <paramref name="order"/>; cursors carry the item's sort key values.</summary>
    public static async Task<Connection<T>> ToConnectionAsync<T>(
        this IQueryable<T> source, Sorting.SortOrder<T> order, PageRequest page, string scope, CancellationToken ct)
    {
        var rows = page.Size == 0 ? [] : await order.Window(source, page).ToListAsync(ct);
        return Connection<T>.FromRows(rows, page, item => order.CursorOf(item, scope),
            () => new DeferredResult<int>(token => source.CountAsync(token)), source);
    }
}
