using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Live;

/// <summary>
/// <c>entityChanged</c> and <c>relationChanged</c>: the change feed as it happens, filtered per subscription. Each
/// event carries its revision; <c>since:</c> a revision number first replays what came after it, then goes on live
/// without a gap or a repeat (read, then subscribe with the number you read at).
/// </summary>
public sealed class SubscriptionGraphType : ObjectGraphType
{
    /// <summary>Ids one subscription may filter on: enough for everything the explorer draws at once.</summary>
    public const int MaxIds = 1000;

    private static readonly string[] EntityTypeNames = Enum.GetNames<NodeKind>();
    private static readonly string[] RelationOrEntityTypeNames = [.. EntityTypeNames, RelationGraphType.TypeName];

    public SubscriptionGraphType()
    {
        Name = "Subscription";
        Description = "Changes as they are committed, over WebSocket (graphql-transport-ws) or Server-Sent Events.";

        Field<NonNullGraphType<EntityChangeGraphType>, GraphChange>("entityChanged")
            .Description("Every change of an entity from now on (or after revision `since`), optionally only of some entities or kinds.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("ids", $"Only these entities (at most {MaxIds}).")
            .Argument<ListGraphType<NonNullGraphType<NodeKindGraphType>>>("kinds", "Only entities of these kinds.")
            .Argument<IntGraphType>("since", SinceDescription)
            .ResolveStream(ctx =>
            {
                var ids = Ids(ctx, EntityTypeNames);
                var kinds = ctx.GetArgument<List<NodeKind>?>("kinds") is { Count: > 0 } k ? k.ToHashSet() : null;
                return Changes(ctx, change =>
                    change.Revision.SubjectType == RevisionSubject.Entity
                    && (ids is null || ids.Contains(change.SubjectId))
                    && (kinds is null || kinds.Contains(change.Revision.SubjectKind!.Value)));
            });

        Field<NonNullGraphType<RelationChangeGraphType>, GraphChange>("relationChanged")
            .Description("Every change of a relation from now on (or after revision `since`), optionally only of some relations, " +
                         "of relations from or to some entities, or of some types.")
            .Argument<ListGraphType<NonNullGraphType<IdGraphType>>>("ids",
                $"Only these relations, and relations from or to these entities (at most {MaxIds} ids of either).")
            .Argument<ListGraphType<NonNullGraphType<RelationTypeGraphType>>>("types", "Only relations of these types.")
            .Argument<IntGraphType>("since", SinceDescription)
            .ResolveStream(ctx =>
            {
                var ids = Ids(ctx, RelationOrEntityTypeNames);
                var types = ctx.GetArgument<List<RelationType>?>("types") is { Count: > 0 } t ? t.ToHashSet() : null;
                return Changes(ctx, change =>
                    change.Revision.SubjectType == RevisionSubject.Relation
                    && (ids is null || ids.Contains(change.SubjectId) || ids.Contains(change.FromId!) || ids.Contains(change.ToId!))
                    && (types is null || types.Contains(change.Revision.RelationType!.Value)));
            });
    }

    private const string SinceDescription =
        "A revision number: first replay the changes after it (at most the server's replay limit, 200 by default), then go on live. " +
        "Read first, then subscribe with the number read at (`latestRevision`), and no change falls in between.";

    private static IObservable<GraphChange> Changes(IResolveFieldContext ctx, Func<GraphChange, bool> include)
    {
        var since = ctx.GetArgument<int?>("since");
        if (since < 0)
            throw new GraphQLRequestException(ErrorCodes.InvalidInput, "'since' is a revision number: 0 or more.");
        return ctx.RequestServices!.GetRequiredService<ChangeBus<GraphChange>>().Changes(since, include);
    }

    /// <summary>The ids to filter on, checked and normalised (null: no filter); a malformed id is an INVALID_ID error.</summary>
    private static HashSet<string>? Ids(IResolveFieldContext ctx, string[] typeNames)
    {
        if (ctx.GetArgument<List<string>?>("ids") is not { } ids)
            return null;
        if (ids.Count > MaxIds)
            throw new GraphQLRequestException(ErrorCodes.InvalidInput, $"'ids' holds {ids.Count} ids; at most {MaxIds} are allowed.");
        return ids.Select(id => GlobalId.Parse(id, typeNames).ToString()).ToHashSet(StringComparer.Ordinal);
    }
}
