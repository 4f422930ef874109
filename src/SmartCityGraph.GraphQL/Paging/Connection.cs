using GraphQL.DataLoader;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>
/// An item of a page with its cursor. The cursor is made when first read: most documents select an item's
/// fields and at most the page's end cursor, and making every item's cursor cost more than reading its row.
/// </summary>
public sealed class Edge<T>
{
    private Func<T, string>? _cursorOf;
    private string? _cursor;

    public Edge(string cursor, T node)
    {
        _cursor = cursor;
        Node = node;
    }

    /// <summary>An edge whose cursor <paramref name="cursorOf"/> makes from the item when it is first read.</summary>
    public Edge(T node, Func<T, string> cursorOf)
    {
        _cursorOf = cursorOf;
        Node = node;
    }

    public T Node { get; }

    // Read by one request's serial execution; two threads racing here would both compute the same text.
    public string Cursor => _cursor ??= _cursorOf!(Node);
}

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
    public IQueryable<T>? Query => _query ??= QuerySource?.Invoke();

    /// <summary>
    /// Makes <see cref="Query"/> when a field first asks for it: a page read by a prepared statement needs no query
    /// (nor a database context) unless its total, facets or aggregates are selected.
    /// </summary>
    public Func<IQueryable<T>>? QuerySource { get; init; }

    private IQueryable<T>? _query;

    /// <summary>
    /// Builds the page from rows fetched in the page's direction, one more than asked for: the
    /// extra row only tells that another page exists.
    /// </summary>
    public static Connection<T> FromRows(
        IReadOnlyList<T> rows, PageRequest page, string scope, Func<T, long> keyOf, Func<IDataLoaderResult<int>> totalCount)
    {
        Func<T, string> cursorOf = item => Cursor.Encode(scope, keyOf(item));
        return FromRows(rows, page, keyOf, item => new Edge<T>(item, cursorOf), totalCount, query: null);
    }

    /// <summary>As above, with each item's cursor made by <paramref name="cursorOf"/> (e.g. from its sort key values).</summary>
    public static Connection<T> FromRows(
        IReadOnlyList<T> rows, PageRequest page, Func<T, string> cursorOf, Func<IDataLoaderResult<int>> totalCount, Func<IQueryable<T>>? query = null)
    {
        // The cursors tell repeated rows apart here, so they are all made now (the other overloads need not).
        var edges = rows.Select(item => new Edge<T>(cursorOf(item), item)).ToList();
        return FromRows(edges, page, edge => edge.Cursor, edge => edge, totalCount, query);
    }

    /// <summary>As above for a page in <paramref name="order"/>: each item's cursor is made of its sort key values.</summary>
    public static Connection<T> FromRows(
        IReadOnlyList<T> rows, PageRequest page, Sorting.SortOrder<T> order, string scope, Func<IDataLoaderResult<int>> totalCount, Func<IQueryable<T>>? query = null)
    {
        Func<T, string> cursorOf = item => order.CursorOf(item, scope);
        return FromRows(rows, page, order.IdentityOf, item => new Edge<T>(item, cursorOf), totalCount, query);
    }

    /// <param name="identityOf">Equal for two rows exactly when their cursors are (e.g. the sort key values), cheaper to make than a cursor.</param>
    private static Connection<T> FromRows<TRow, TIdentity>(
        IReadOnlyList<TRow> rows, PageRequest page, Func<TRow, TIdentity> identityOf, Func<TRow, Edge<T>> edgeOf,
        Func<IDataLoaderResult<int>> totalCount, Func<IQueryable<T>>? query)
    {
        // Rows may repeat a key next to itself (a neighbour reached along two relation types): show it
        // once. A full window that held repeats may hide more items, so it then reports more.
        var distinct = rows.DistinctBy(identityOf).ToList();
        var hasMore = distinct.Count > page.Size || (rows.Count > page.Size && distinct.Count < rows.Count);
        var count = Math.Min(distinct.Count, page.Size);
        var edges = new Edge<T>[count];
        for (var i = 0; i < count; i++)
            edges[page.Backward ? count - 1 - i : i] = edgeOf(distinct[i]);
        var pageInfo = new PageInfo(
            HasNextPage: page.Backward ? page.Before is not null : hasMore,
            HasPreviousPage: page.Backward ? hasMore : page.After is not null,
            StartCursor: count > 0 ? edges[0].Cursor : null,
            EndCursor: count > 0 ? edges[^1].Cursor : null);
        return new Connection<T> { Edges = edges, PageInfo = pageInfo, TotalCount = totalCount, QuerySource = query };
    }
}

/// <summary>A result computed when first awaited; lets a plain task stand where a loader result is expected.</summary>
public sealed class DeferredResult<T>(Func<CancellationToken, Task<T>> compute) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => compute(cancellationToken);
    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await compute(cancellationToken).ConfigureAwait(false);
}
