using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.History;

/// <summary><c>revisions</c>, the change feed, and <c>revision(number)</c>.</summary>
internal static class HistoryQueries
{
    public static void AddHistoryQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<RevisionsConnectionGraphType>>("revisions")
            .Description("The change feed: every revision, oldest first — the seed's IMPORTs, then every edit and revert. Page on with `after`, " +
                         "or ask again with `since` (or `sinceNumber`) the last one you saw.")
            .Argument<InstantGraphType>("since", "Only revisions made after this instant.")
            .Argument<IntGraphType>("sinceNumber", "Only revisions numbered higher than this.")
            .Argument<ListGraphType<NonNullGraphType<NodeKindGraphType>>>("kinds", "Only revisions of entities of these kinds (relations' revisions are listed only without `kinds`).")
            .Argument<IntGraphType>("first", $"Revisions from the start (default {PageRequest.DefaultPageSize}, at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("after", "Start after this cursor.")
            .ResolveAsync(async ctx =>
            {
                const string scope = "Query.revisions";
                var page = PageRequest.Create(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), null, null, scope);
                var revisions = ctx.Db().Revisions.AsNoTracking();
                if (ctx.GetArgument<DateTimeOffset?>("since") is { } since)
                {
                    var utc = since.UtcDateTime;
                    revisions = revisions.Where(r => r.At > utc);
                }
                if (ctx.GetArgument<int?>("sinceNumber") is { } number) revisions = revisions.Where(r => r.Number > number);
                if (ctx.GetArgument<List<NodeKind>?>("kinds") is { Count: > 0 } kinds)
                {
                    var wanted = kinds.Cast<NodeKind?>().ToArray();
                    revisions = revisions.Where(r => wanted.Contains(r.SubjectKind));
                }
                return await revisions.ToConnectionAsync(RevisionOrder.Default, page, scope, ctx.CancellationToken);
            });

        query.Field<RevisionGraphType>("revision")
            .Description("One revision by its number (null when there is none).")
            .Argument<NonNullGraphType<IntGraphType>>("number")
            .Resolve(ctx => ctx.Graph().RevisionByNumber(ctx.GetArgument<int>("number")));
    }
}
