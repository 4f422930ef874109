using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>
/// Seek pagination: a page is found through the index, never by skipping rows, so page 1,000 costs
/// what page 1 costs.
/// </summary>
public static class KeysetPaging
{
    /// <summary>One page in <paramref name="order"/>; cursors carry the item's sort key values.</summary>
    public static Task<Connection<T>> ToConnectionAsync<T>(
        this IQueryable<T> source, Sorting.SortOrder<T> order, PageRequest page, string scope, CancellationToken ct) =>
        source.ToConnectionAsync(order, page, scope, projection: null, ct);

    /// <summary>
    /// As above, loading the page's items through <paramref name="projection"/> (all members when null); it must load
    /// the order's keys, which the cursors are made of. Counting and <see cref="Connection{T}.Query"/> (facets) keep
    /// the unprojected items, whose members and navigations they may read.
    /// </summary>
    public static async Task<Connection<T>> ToConnectionAsync<T>(
        this IQueryable<T> source, Sorting.SortOrder<T> order, PageRequest page, string scope,
        Expression<Func<T, T>>? projection, CancellationToken ct)
    {
        // Projected after the window's seek, order and limit: the same statement, with fewer columns.
        var window = order.Window(source, page);
        if (projection is not null) window = window.Select(projection);
        var rows = page.Size == 0 ? [] : await window.ToListAsync(ct);
        return ToConnection(() => source, rows, order, page, scope);
    }

    /// <summary>
    /// The connection of a page whose rows were read another way (a prepared statement of the same window); counting
    /// and <see cref="Connection{T}.Query"/> (facets) still go through the query <paramref name="source"/> makes,
    /// made only if one of them is selected.
    /// </summary>
    public static Connection<T> ToConnection<T>(Func<IQueryable<T>> source, IReadOnlyList<T> rows, Sorting.SortOrder<T> order, PageRequest page, string scope)
    {
        IQueryable<T>? made = null;
        IQueryable<T> Source() => made ??= source();
        return Connection<T>.FromRows(rows, page, order, scope, () => new DeferredResult<int>(token => Source().CountAsync(token)), Source);
    }
}
