using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>
/// Seek pagination over a query ordered by a unique integer key: a page is found through the
/// index, never by skipping rows, so page 1,000 costs what page 1 costs.
/// </summary>
public static class KeysetPaging
{
    /// <summary>Restricts and orders <paramref name="source"/> to the rows of the page, plus one to detect more.</summary>
    public static IQueryable<T> Window<T>(this IQueryable<T> source, Expression<Func<T, int>> key, PageRequest page)
    {
        if (page.After is { } after) source = source.Where(Compare(key, ExpressionType.GreaterThan, (int)after.Key));
        if (page.Before is { } before) source = source.Where(Compare(key, ExpressionType.LessThan, (int)before.Key));
        var ordered = page.Backward ? source.OrderByDescending(key) : source.OrderBy(key);
        return ordered.Take(page.Size + 1);
    }

    public static async Task<Connection<T>> ToConnectionAsync<T>(
        this IQueryable<T> source, Expression<Func<T, int>> key, PageRequest page, string scope, CancellationToken ct)
    {
        var rows = page.Size == 0 ? [] : await source.Window(key, page).ToListAsync(ct);
        var keyOf = key.Compile();
        return Connection<T>.FromRows(rows, page, scope, item => keyOf(item),
            () => new DeferredResult<int>(token => source.CountAsync(token)));
    }

    /// <summary>One page in <paramref name="order"/>; cursors carry the item's sort key values.</summary>
    public static async Task<Connection<T>> ToConnectionAsync<T>(
        this IQueryable<T> source, Sorting.SortOrder<T> order, PageRequest page, string scope, CancellationToken ct)
    {
        var rows = page.Size == 0 ? [] : await order.Window(source, page).ToListAsync(ct);
        return Connection<T>.FromRows(rows, page, item => order.CursorOf(item, scope),
            () => new DeferredResult<int>(token => source.CountAsync(token)), source);
    }

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, int>> key, ExpressionType comparison, int value)
    {
        // A captured holder rather than a constant keeps the SQL parameterised (one cached plan).
        var holder = new ValueHolder(value);
        var bound = Expression.Property(Expression.Constant(holder), nameof(ValueHolder.Value));
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(comparison, key.Body, bound), key.Parameters);
    }

    private sealed record ValueHolder(int Value);
}
