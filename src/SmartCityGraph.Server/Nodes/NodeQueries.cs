using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.Server.Nodes;

/// <summary><c>node(id)</c> and <c>nodes(ids)</c>: any entity by its global id, through the same batched loader.</summary>
internal static class NodeQueries
{
    public const int MaxIds = 100;
    private static readonly string[] EntityTypeNames = Enum.GetNames<NodeKind>();

    public static void AddNodeQueries(this ObjectGraphType query)
    {
        query.Field<NodeInterface>("node")
            .Description("Fetches any entity by its global id.")
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

    private static IDataLoaderResult<Entity?> Load(IResolveFieldContext ctx, string id)
    {
        var globalId = GlobalId.Parse(id, EntityTypeNames);
        return ctx.Graph().EntityByKey(Enum.Parse<NodeKind>(globalId.TypeName), globalId.Key);
    }
}
