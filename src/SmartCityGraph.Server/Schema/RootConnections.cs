using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;

namespace SmartCityGraph.Server.Schema;

internal static class RootConnections
{
    /// <summary>
    /// Adds a root connection over every entity of one kind, filtered by <c>where</c>, sorted by
    /// <c>order</c> (then id) and keyset-paged in that order; all of it runs in the database.
    /// </summary>
    public static void AddRootConnection<TConnection, TEntity>(
        this ObjectGraphType query, string name, string description, EntityListing<TEntity> listing, GeneratedTypes types)
        where TConnection : IGraphType where TEntity : Entity
    {
        var field = query.Field<TConnection>(name).Description(description).PagingArguments()
            .ResolveAsync(async ctx =>
            {
                var order = listing.Sort.Order(RawArgument(ctx, "order"));
                var scope = "Query." + name + order.Fingerprint; // a cursor of another order is refused
                var page = PageRequest.From(ctx, scope);
                var db = ctx.RequestServices!.GetRequiredService<SmartCityDbContext>();
                IQueryable<TEntity> source = db.Set<TEntity>().AsNoTracking();
                if (RawArgument(ctx, "where") is { } where)
                    source = source.Where(listing.Filter.Predicate(where, ctx));
                // Only the columns the selected fields read (and the sort keys the cursors need); whole rows when unsure.
                var projection = ProjectionBuilder.ForConnection(ctx, order);
                return await source.ToConnectionAsync(order, page, scope, projection?.Selector, ctx.CancellationToken);
            })
            .FieldType;
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument(listing.Filter.InputType(types))
        {
            Name = "where",
            Description = "Only the items meeting these conditions.",
        });
        field.Arguments.Add(new QueryArgument(new ListGraphType(new NonNullGraphType(listing.Sort.InputType(types))))
        {
            Name = "order",
            Description = "Sort keys, most significant first; ties are broken by id.",
        });
    }

    /// <summary>An argument as GraphQL.NET parsed it: input objects as dictionaries, lists as lists.</summary>
    private static object? RawArgument(IResolveFieldContext context, string name) =>
        context.Arguments is { } arguments && arguments.TryGetValue(name, out var argument) ? argument.Value : null;
}
