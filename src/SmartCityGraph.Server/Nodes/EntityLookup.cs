using GraphQL;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.AsOf;

namespace SmartCityGraph.Server.Nodes;

/// <summary>Reads of entities for the relationship queries: each call is at most one SQL statement, whatever the number of ids.</summary>
internal static class EntityLookup
{
    private static readonly string[] EntityTypeNames = Enum.GetNames<NodeKind>();

    /// <summary>
    /// The surrogate ids of entities named by global ids, in the order given; null where a well-formed id names
    /// no entity. A malformed id, or one of a relation, is an INVALID_ID error.
    /// </summary>
    public static async Task<IReadOnlyList<int?>> ResolveIdsAsync(this IResolveFieldContext context, IReadOnlyList<string> globalIds)
    {
        var wanted = globalIds.Select(id => GlobalId.Parse(id, EntityTypeNames)).Select(id => (Kind: Enum.Parse<NodeKind>(id.TypeName), id.Key)).ToList();
        var entities = await context.ReadServices().GetRequiredService<IGraphReader>()
            .EntitiesByKeyAsync(wanted.Distinct().ToList(), context.CancellationToken);
        // Whole entities: the walk's answer lists them again, without another statement.
        context.Graph().Remember(entities);
        var byKey = entities.ToDictionary(e => (e.Kind, e.Key), e => e.Id);
        return wanted.Select(w => byKey.TryGetValue(w, out var id) ? id : (int?)null).ToList();
    }

    /// <summary>The entities with these surrogate ids, by id: those the request read already, the others in one statement.</summary>
    public static Task<IReadOnlyDictionary<int, Entity>> EntitiesAsync(this IResolveFieldContext context, IEnumerable<int> ids) =>
        context.Graph().EntitiesAsync(ids, context.CancellationToken);

    /// <summary>
    /// As above for the entities of <paramref name="valueField"/> of the object(s) <paramref name="context"/> returns (a
    /// subgraph's or path's <c>nodes</c>): read with only the members the selection on them reads, when it declared them.
    /// </summary>
    public static Task<IReadOnlyDictionary<int, Entity>> EntitiesOfFieldAsync(this IResolveFieldContext context, string valueField, IEnumerable<int> ids) =>
        context.Graph().EntitiesAsync(ids, ProjectionBuilder.ReadsOfObjectField(context, valueField), context.CancellationToken);

    public static SmartCityDbContext Db(this IResolveFieldContext context) =>
        context.ReadServices().GetRequiredService<SmartCityDbContext>();
}
