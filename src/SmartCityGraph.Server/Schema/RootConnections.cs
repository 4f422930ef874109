using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.Server.Schema;

internal static class RootConnections
{
    /// <summary>Adds a root connection over every entity of one kind, keyset-paged in id order.</summary>
    public static void AddRootConnection<TConnection, TEntity>(this ObjectGraphType query, string name, string description)
        where TConnection : IGraphType where TEntity : Entity
    {
        var scope = "Query." + name;
        query.Field<TConnection>(name)
            .Description(description)
            .PagingArguments()
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx, scope);
                var db = ctx.RequestServices!.GetRequiredService<SmartCityDbContext>();
                return await db.Set<TEntity>().AsNoTracking().ToConnectionAsync(e => e.Id, page, scope, ctx.CancellationToken);
            });
    }
}
