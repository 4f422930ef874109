using System.Linq.Expressions;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.GraphQL.Sorting;

namespace SmartCityGraph.Server.Schema;

/// <summary>What a root connection of one kind lets clients filter and sort by.</summary>
public sealed record EntityListing<TEntity>(FilterableFields<TEntity> Filter, SortableFields<TEntity> Sort) where TEntity : Entity
{
    /// <summary>A listing with the fields every entity has (title, summary), to extend per kind.</summary>
    public static EntityListing<TEntity> Create(string typeName) => new(
        new FilterableFields<TEntity>(typeName).Field("title", e => e.Title).Field("summary", e => e.Summary),
        new SortableFields<TEntity>(typeName, "id", e => e.Id).Field("title", e => e.Title));

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
