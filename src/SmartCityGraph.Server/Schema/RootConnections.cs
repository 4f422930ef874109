using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.AsOf;

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
                var request = listing.Query(ctx);
                var scope = "Query." + name + request.Order.Fingerprint; // a cursor of another order is refused
                var page = PageRequest.From(ctx, scope);
                var db = ctx.ReadServices().GetRequiredService<SmartCityDbContext>();
                var source = request.Filtered(db.Set<TEntity>().AsNoTracking());
                // Only the columns the selected fields read (and the sort keys the cursors need); whole rows when unsure.
                var projection = ProjectionBuilder.ForConnection(ctx, request.Order);
                return await source.ToConnectionAsync(request.Order, page, scope, projection?.Selector, ctx.CancellationToken);
            })
            .FieldType;
        listing.AddArguments(field, types);
    }
}
