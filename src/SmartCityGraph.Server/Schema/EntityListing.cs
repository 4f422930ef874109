using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.DataLoading;
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

    /// <summary>
    /// The <c>where</c> and <c>order</c> arguments of a field listing these items, read once per field and
    /// request (a nested field resolves once per parent, always with the same arguments).
    /// </summary>
    public ListQuery<TEntity> Query(IResolveFieldContext context) => FieldMemo.GetOrAdd(context, QueryPurpose, _read ??= Read);

    private static readonly string QueryPurpose = "list-query|" + typeof(TEntity).Name;

    // One delegate per listing: a nested field asks once per parent, and a lambda over each context would be one more allocation.
    private Func<IResolveFieldContext, ListQuery<TEntity>>? _read;

    private ListQuery<TEntity> Read(IResolveFieldContext context)
    {
        var where = RawArgument(context, "where");
        return new ListQuery<TEntity>(
            where is null ? null : Filter.Predicate(where, context), Sort.Order(RawArgument(context, "order")), ListQuery<TEntity>.KeyOf(where));
    }

    /// <summary>
    /// Adds <c>where</c> and <c>order</c> to a field listing these items. The input types are made
    /// once, in <paramref name="types"/>; without it they are named, for the schema to find.
    /// </summary>
    public void AddArguments(FieldType field, GeneratedTypes? types)
    {
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument(types is null ? new GraphQLTypeReference(Filter.InputName) : Filter.InputType(types))
        {
            Name = "where",
            Description = "Only the items meeting these conditions.",
        });
        var sortInput = types is null ? new GraphQLTypeReference(Sort.InputName) : (IGraphType)Sort.InputType(types);
        field.Arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(sortInput)))
        {
            Name = "order",
            Description = "Sort keys, most significant first; ties are broken by id.",
        });
    }

    /// <summary>An argument as GraphQL.NET parsed it: input objects as dictionaries, lists as lists.</summary>
    private static object? RawArgument(IResolveFieldContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var argument) ? argument.Value : null;

    public EntityListing<TEntity> FilterableAndSortable<TValue>(string name, Expression<Func<TEntity, TValue>> value)
    {
        Filter.Field(name, value);
        Sort.Field(name, value);
        return this;
    }
}
