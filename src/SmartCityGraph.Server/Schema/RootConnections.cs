using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Graph;
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
                var services = ctx.ReadServices();
                // EF Core's query of the list, for a page it cannot read as a prepared statement, its count and facets.
                IQueryable<TEntity> Source() => request.Filtered(services.GetRequiredService<SmartCityDbContext>().Set<TEntity>().AsNoTracking());
                // Only the columns the selected fields read (and the sort keys the cursors need); whole rows when unsure.
                var projection = ProjectionBuilder.ForConnection(ctx, request.Order);
                // The page as a prepared statement where the reader can say its filter and order in SQL (plain comparisons of
                // stored values: most lists); else EF Core's translation of the same window. Counting and facets stay with EF Core.
                var (seek, keys, take) = request.Order.WindowParts(page);
                var where = (request.Filter, seek) switch
                {
                    (null, var only) => only,
                    (var only, null) => only,
                    var (filter, after) => QueryExpressions.And([filter, after]),
                };
                if (page.Size > 0 && await services.GetRequiredService<IGraphReader>().EntityPageAsync(
                        new EntityPage<TEntity>(where, keys, take, projection?.MemberNames), ctx.CancellationToken) is { } rows)
                    return KeysetPaging.ToConnection(Source, rows, request.Order, page, scope);
                return await Source().ToConnectionAsync(request.Order, page, scope, projection?.Selector, ctx.CancellationToken);
            })
            .FieldType;
        listing.AddArguments(field, types);
    }
}
