using System.Linq.Expressions;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.GraphQL.Sorting;

namespace SmartCityGraph.Server.Schema;

/// <summary>What a root connection of one kind lets clients filter and sort by, and count by (facets, aggregate).</summary>
public sealed record EntityListing<TEntity>(FilterableFields<TEntity> Filter, SortableFields<TEntity> Sort, FacetableFields<TEntity> Facets)
    where TEntity : Entity
{
    /// <summary>A listing with the fields every entity has (title, summary), to extend per kind.</summary>
    public static EntityListing<TEntity> Create(string typeName) => new(
        new FilterableFields<TEntity>(typeName).Field("title", e => e.Title).Field("summary", e => e.Summary),
        new SortableFields<TEntity>(typeName, "id", e => e.Id).Field("title", e => e.Title),
        new FacetableFields<TEntity>(typeName));

    /// <summary>Filterable, and a facet counting the items per value.</summary>
    public EntityListing<TEntity> FilterableAndFacetable<TValue>(string name, Expression<Func<TEntity, TValue>> value)
    {
        Filter.Field(name, value);
        Facets.Value(name, value);
        return this;
    }

    /// <summary>
    /// A date's facets per month and year (<c>{prefix}Month</c>, <c>{prefix}Year</c>) and its range in
    /// <c>aggregate</c> (filtering and sorting are declared with the date's own type).
    /// </summary>
    public EntityListing<TEntity> DateFacets(string name, string prefix, Expression<Func<TEntity, DateOnly?>> date)
    {
        Facets.MonthAndYear(prefix, name, date).DateRange(name, date);
        return this;
    }

    public EntityListing<TEntity> Filterable<TValue>(string name, Expression<Func<TEntity, TValue>> value)
    {
        Filter.Field(name, value);
        return this;
    }

    public EntityListing<TEntity> FilterableAndSortable<TValue>(string name, Expression<Func<TEntity, TValue>> value)
    {
        Filter.Field(name, value);
        Sort.Field(name, value);
        return this;
    }
}
