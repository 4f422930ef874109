using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.GraphQL.Sorting;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>An item of a parent's page, with the parent it belongs to.</summary>
public sealed class ParentItem<T>
{
    public int ParentId { get; init; }
    public required T Item { get; init; }
}

/// <summary>How an engine runs one limited subquery per parent (chosen once, by the host, for its database).</summary>
public enum ParentWindowShape
{
    /// <summary>
    /// <c>… WHERE item.Id IN (SELECT … WHERE parent = p.Id ORDER BY … LIMIT n)</c>, for engines without LATERAL or
    /// APPLY (SQLite), which run the subquery once per parent and look the items up by id.
    /// </summary>
    CorrelatedIn,

    /// <summary>
    /// <c>FROM parents CROSS JOIN LATERAL (SELECT … ORDER BY … LIMIT n)</c>, then the items by id: for engines that
    /// join a correlated subquery per row (PostgreSQL). They would run the correlated IN once per (parent, item) pair.
    /// </summary>
    Lateral,
}

/// <summary>The host's choice of <see cref="ParentWindowShape"/> for its database (a service).</summary>
public sealed record ParentWindowOptions(ParentWindowShape Shape);

/// <summary>
/// One page of children for each of many parents, in any order and under any filter, as one SQL
/// statement: the batched form of <see cref="KeysetPaging"/> for nested connections (a phase's events).
/// </summary>
/// <remarks>
/// Each parent's page is a subquery <c>SELECT id … ORDER BY … LIMIT n</c> of that parent's children, in the
/// <see cref="ParentWindowShape"/> the engine runs best, so every parent gets its own n rows however many
/// siblings it has. The subquery is built once with a free parent-id parameter, so the same
/// <see cref="SortOrder{T}.Window"/> that pages root connections pages here too.
/// </remarks>
public static class ParentWindows
{
    /// <param name="parentIds">The parents, as a query of their ids.</param>
    /// <param name="items">Every item a page may hold (the outer lookup by id).</param>
    /// <param name="childrenOf">A parent's children, already filtered; its parameter is the parent's id.</param>
    /// <param name="idOf">The item's unique integer key, the one <paramref name="order"/> ends with.</param>
    /// <param name="shape">How the engine runs a subquery per parent.</param>
    public static Task<List<ParentItem<T>>> PagesAsync<T>(
        IQueryable<int> parentIds, IQueryable<T> items, Expression<Func<int, IQueryable<T>>> childrenOf,
        Expression<Func<T, int>> idOf, SortOrder<T> order, PageRequest page, CancellationToken ct,
        ParentWindowShape shape = ParentWindowShape.CorrelatedIn)
    {
        var parentId = childrenOf.Parameters[0];
        // Composed, never run: only its expression, with the parent id left free, is spliced below.
        var children = items.Provider.CreateQuery<T>(childrenOf.Body);
        var window = order.Window(children, page).Select(idOf).Expression;

        if (shape == ParentWindowShape.Lateral)
        {
            // parents CROSS JOIN LATERAL (the parent's window of ids), then the items by id.
            var windowOf = Expression.Lambda<Func<int, IEnumerable<int>>>(window, parentId);
            return parentIds
                .SelectMany(windowOf, (parent, id) => new ParentItem<int> { ParentId = parent, Item = id })
                .Join(items, pair => pair.Item, idOf, (pair, item) => new ParentItem<T> { ParentId = pair.ParentId, Item = item })
                .ToListAsync(ct);
        }

        // Every (parent, item) pair, kept where the item is in the parent's window: a plain join
        // with a correlated IN, which SQLite runs parent by parent (a correlated FROM would need APPLY).
        var pair = Expression.Parameter(typeof(ParentItem<T>), "pair");
        var pairParent = Expression.Property(pair, nameof(ParentItem<T>.ParentId));
        var pairItemId = Filtering.QueryExpressions.Inline(idOf, Expression.Property(pair, nameof(ParentItem<T>.Item)));
        var inWindow = Expression.Lambda<Func<ParentItem<T>, bool>>(
            Expression.Call(ContainsMethod, Filtering.QueryExpressions.Replace(window, parentId, pairParent), pairItemId), pair);
        return parentIds
            .SelectMany(_ => items, (parent, item) => new ParentItem<T> { ParentId = parent, Item = item })
            .Where(inWindow)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Each parent's rows in the page's direction, at most one more than the page (the rows arrive
    /// grouped by nothing in particular: SQL keeps no order across the parents).
    /// </summary>
    public static ILookup<int, T> InPageOrder<T>(IEnumerable<ParentItem<T>> rows, SortOrder<T> order, PageRequest page)
    {
        var comparer = order.Comparer(page.Backward);
        return rows.GroupBy(r => r.ParentId)
            .SelectMany(g => g.Select(r => r.Item).Order(comparer).Take(page.Size + 1).Select(item => (g.Key, item)))
            .ToLookup(r => r.Key, r => r.item);
    }

    private static readonly MethodInfo ContainsMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Contains) && m.GetParameters().Length == 2)
        .MakeGenericMethod(typeof(int));
}
