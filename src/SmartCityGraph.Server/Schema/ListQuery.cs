using System.Linq.Expressions;
using System.Text.Json;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Sorting;

namespace SmartCityGraph.Server.Schema;

/// <summary>A connection's <c>where</c> and <c>order</c>, read and checked: which items, in which order.</summary>
/// <param name="FilterKey">A stable text of the filter, so fields filtered alike share one batch and others do not.</param>
public sealed record ListQuery<TEntity>(Expression<Func<TEntity, bool>>? Filter, SortOrder<TEntity> Order, string FilterKey)
    where TEntity : Entity
{
    /// <summary>No filter, unique-key order: the plain listing, which has its own faster path.</summary>
    public bool IsDefault => Filter is null && Order.Fingerprint.Length == 0;

    /// <summary>Names filter and order together, e.g. for a loader.</summary>
    public string Key => FilterKey + Order.Fingerprint;

    public IQueryable<TEntity> Filtered(IQueryable<TEntity> source) => Filter is null ? source : source.Where(Filter);

    internal static string KeyOf(object? where) => where is null ? "" : JsonSerializer.Serialize(where);
}
