using GraphQL;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.AsOf;

namespace SmartCityGraph.Server.Nodes;

/// <summary>Reads of entities for the relationship queries: each call is one SQL statement, whatever the number of ids.</summary>
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
        var rows = await context.Db().Entities.AsNoTracking()
            .NamedBy(wanted)
            .Select(e => new { e.Id, e.Kind, e.Key })
            .ToListAsync(context.CancellationToken);
        var byKey = rows.ToDictionary(r => (r.Kind, r.Key), r => r.Id);
        return wanted.Select(w => byKey.TryGetValue(w, out var id) ? id : (int?)null).ToList();
    }

    /// <summary>The entities with these surrogate ids, by id.</summary>
    public static async Task<IReadOnlyDictionary<int, Entity>> EntitiesAsync(this IResolveFieldContext context, IEnumerable<int> ids)
    {
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0) return new Dictionary<int, Entity>();
        return await context.Db().Entities.AsNoTracking().Where(e => wanted.Contains(e.Id)).ToDictionaryAsync(e => e.Id, context.CancellationToken);
    }

    public static SmartCityDbContext Db(this IResolveFieldContext context) =>
        context.ReadServices().GetRequiredService<SmartCityDbContext>();
}
