using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Live;

/// <summary><c>latestRevision</c>: where the change feed stands, to read at and then subscribe <c>since:</c>.</summary>
internal static class LiveQueries
{
    public static void AddLiveQueries(this ObjectGraphType query)
    {
        query.Field<RevisionGraphType>("latestRevision")
            .Description("The newest revision (null in an empty store). Read it with what you show, then subscribe with `since:` its number: " +
                         "no change is lost in between.")
            .ResolveAsync(async ctx => await ctx.Db().Revisions.AsNoTracking()
                .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ctx.CancellationToken));
    }
}
