using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Nodes;

/// <summary><c>node(id)</c> and <c>nodes(ids)</c>: any entity by its global id, through the same batched loader.</summary>
internal static class NodeQueries
{
    public const int MaxIds = 100;
    private static readonly string[] NodeTypeNames = [.. Enum.GetNames<NodeKind>(), RelationGraphType.TypeName, RevisionGraphType.TypeName];

    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches any entity, relation or revision by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => Load(ctx, ctx.GetArgument<string>("id")));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Fetches entities by their global ids, in the order given (at most {MaxIds}); null where none exists.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .Resolve(ctx =>
            {
                var ids = ctx.GetArgument<List<string>>("ids");
                if (ids.Count > MaxIds)
                    throw new GraphQLRequestException(ErrorCodes.InvalidInput, $"'ids' holds {ids.Count} ids; at most {MaxIds} are allowed.");
                var results = ids.Select(id => Load(ctx, id)).ToArray();
                return new DeferredResult<object?[]>(async ct =>
                {
                    var nodes = new object?[results.Length];
                    for (var i = 0; i < results.Length; i++) nodes[i] = await results[i].GetResultAsync(ct);
                    return nodes;
                });
            });
    }

    private static IDataLoaderResult<object?> Load(IResolveFieldContext ctx, string id)
    {
        var globalId = GlobalId.Parse(id, NodeTypeNames);
        return globalId.TypeName switch
        {
            RelationGraphType.TypeName => Number(globalId) is { } relation ? ctx.Graph().RelationById(relation).Then(r => (object?)r) : Nothing,
            RevisionGraphType.TypeName => Number(globalId) is { } revision ? ctx.Graph().RevisionByNumber(revision).Then(r => (object?)r) : Nothing,
            _ => ctx.Graph().EntityByKey(Enum.Parse<NodeKind>(globalId.TypeName), globalId.Key).Then(e => (object?)e),
        };
    }

    private static readonly IDataLoaderResult<object?> Nothing = new DeferredResult<object?>(_ => Task.FromResult<object?>(null));

    /// <summary>A relation's or revision's number, or null when the id's key is not one (it names nothing).</summary>
    private static int? Number(GlobalId id) =>
        int.TryParse(id.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
