using GraphQL.DataLoader;

namespace SmartCityGraph.GraphQL.Paging;

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>One page of a connection. The total is fetched only if the client selects it.</summary>
public sealed class Connection<T>
{
    public required IReadOnlyList<Edge<T>> Edges { get; init; }
    public required PageInfo PageInfo { get; init; }
    public required Func<IDataLoaderResult<int>> TotalCount { get; init; }
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);

    /// <summary>
    /// All items of the list (filtered, not paged), when the list is one query — the source of its
    /// facets and aggregates. Null for lists assembled otherwise (e.g. nested pages of neighbours).
    /// </summary>
    public IQueryable<T>? Query { get; init; }

    /// <summary>
    /// Builds the page from rows fetched in the page's direction, one more than asked for: the
    /// extra row only tells that another page exists.
    /// </summary>
    public static Connection<T> FromRows(
        IReadOnlyList<T> rows, PageRequest page, string scope, Func<T, long> keyOf, Func<IDataLoaderResult<int>> totalCount) =>
        FromRows(rows, page, item => Cursor.Encode(scope, keyOf(item)), totalCount);

    /// <summary>As above, with each item's cursor made by <paramref name="cursorOf"/> (e.g. from its sort key values).</summary>
    public static Connection<T> FromRows(
        IReadOnlyList<T> rows, PageRequest page, Func<T, string> cursorOf, Func<IDataLoaderResult<int>> totalCount, IQueryable<T>? query = null)
    {
        // Rows may repeat a key next to itself (a neighbour reached along two relation types): show it
        // once. A full window that held repeats may hide more items, so it then reports more.
        var distinct = rows.Select(item => new Edge<T>(cursorOf(item), item)).DistinctBy(edge => edge.Cursor).ToList();
        var hasMore = distinct.Count > page.Size || (rows.Count > page.Size && distinct.Count < rows.Count);
        IEnumerable<Edge<T>> window = distinct.Count > page.Size ? distinct.Take(page.Size) : distinct;
        var edges = (page.Backward ? window.Reverse() : window).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: page.Backward ? page.Before is not null : hasMore,
            HasPreviousPage: page.Backward ? hasMore : page.After is not null,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<T> { Edges = edges, PageInfo = pageInfo, TotalCount = totalCount, Query = query };
    }
}

/// <summary>A result computed when first awaited; lets a plain task stand where a loader result is expected.</summary>
public sealed class DeferredResult<T>(Func<CancellationToken, Task<T>> compute) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => compute(cancellationToken);
    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await compute(cancellationToken).ConfigureAwait(false);
}
