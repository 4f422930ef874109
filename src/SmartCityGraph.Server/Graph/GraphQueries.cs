using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Graph;

/// <summary>A neighbourhood as nodes and relations, ready for a visualisation.</summary>
public sealed record Subgraph(IReadOnlyList<Entity> Nodes, IReadOnlyList<Relation> Relations, bool Truncated);

/// <summary>A connection between two entities: <c>Nodes[i]</c> and <c>Nodes[i + 1]</c> are the ends of <c>Relations[i]</c>.</summary>
public sealed record EntityPath(IReadOnlyList<Entity> Nodes, IReadOnlyList<Relation> Relations);

public sealed class SubgraphGraphType : ObjectGraphType<Subgraph>
{
    public SubgraphGraphType()
    {
        Name = "Subgraph";
        Description = "The entities around some start entities and the relations the walk followed between them.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("nodes")
            .Description("The start entities first, then the others in breadth-first order.")
            .AsPageItems()
            .Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelationGraphType>>>>("relations")
            .Description("Every relation touching an entity closer than `depth` whose other end is among `nodes`, in id order. " +
                         "At depth 1: exactly the relations touching the start entities.")
            .AsPageItems()
            .Resolve(ctx => ctx.Source.Relations);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description($"True when `limit` (or the cap of {GraphTraversal.MaxRelations} relations, or of {GraphTraversal.MaxRelationsPerLevel} relations read per level) cut the subgraph short.")
            .Resolve(ctx => ctx.Source.Truncated);
    }
}

public sealed class PathGraphType : ObjectGraphType<EntityPath>
{
    public PathGraphType()
    {
        Name = "Path";
        Description = "A chain of relations from one entity to another, walked in either direction.";
        Field<NonNullGraphType<IntGraphType>>("length").Description("The number of relations.").Resolve(ctx => ctx.Source.Relations.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntityInterface>>>>("nodes")
            .Description("From `from` to `to`; one more than the relations.")
            .WithListSize(GraphTraversal.MaxHops + 1)
            .Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RelationGraphType>>>>("relations")
            .Description("`relations[i]` links `nodes[i]` and `nodes[i + 1]` (its own from/to give the direction).")
            .WithListSize(GraphTraversal.MaxHops)
            .Resolve(ctx => ctx.Source.Relations);
    }
}

internal static class GraphQueries
{
    public const int DefaultDepth = 1;
    public const int DefaultLimit = 200;
    public const int DefaultMaxHops = 4;
    public const int DefaultPaths = 3;
    public const int MaxStartIds = 100;

    public static void AddGraphQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<SubgraphGraphType>>("graph")
            .Description($"The neighbourhood of some entities: a breadth-first walk along relations in both directions, up to `depth` " +
                         $"(0–{GraphTraversal.MaxDepth}) relations away and `limit` (1–{GraphTraversal.MaxNodes}) entities. Ids naming nothing are skipped.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", $"Where to start (at most {MaxStartIds} ids).")
            .Argument<IntGraphType>("depth", $"How many relations away (0–{GraphTraversal.MaxDepth}).", arg => arg.DefaultValue = DefaultDepth)
            .Argument<ListGraphType<NonNullGraphType<RelationTypeGraphType>>>("types", "Follow only relations of these types.")
            .Argument<ListGraphType<NonNullGraphType<NodeKindGraphType>>>("kinds", "Keep only neighbours of these kinds (start entities always stay).")
            .Argument<IntGraphType>("limit", $"Most entities (1–{GraphTraversal.MaxNodes}); `truncated` tells when it cut.", arg => arg.DefaultValue = DefaultLimit)
            .WithPageSizeFromArgument("limit")
            .ResolveAsync(async ctx =>
            {
                var ids = ctx.GetArgument<List<string>>("ids");
                if (ids.Count > MaxStartIds)
                    throw GraphQLRequestException.InvalidInput($"'ids' holds {ids.Count} ids; at most {MaxStartIds} are allowed.");
                var depth = InRange(ctx, "depth", DefaultDepth, 0, GraphTraversal.MaxDepth);
                var limit = InRange(ctx, "limit", DefaultLimit, 1, GraphTraversal.MaxNodes);
                var start = (await ctx.ResolveIdsAsync(ids)).OfType<int>().ToList();
                var walk = await ctx.ReadServices().GetRequiredService<GraphTraversal>().NeighbourhoodAsync(
                    new NeighbourhoodRequest(start, depth, ctx.GetArgument<List<RelationType>?>("types"), ctx.GetArgument<List<NodeKind>?>("kinds"), limit,
                        ProjectionBuilder.ReadsOfObjectField(ctx, "relations")),
                    ctx.CancellationToken);
                var entities = await ctx.EntitiesOfFieldAsync("nodes", walk.NodeIds);
                return new Subgraph(walk.NodeIds.Where(entities.ContainsKey).Select(id => entities[id]).ToList(), walk.Relations, walk.Truncated);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PathGraphType>>>>("paths")
            .Description($"The shortest connections between two entities, shortest first: up to `first` (0–{GraphTraversal.MaxPaths}) paths of at most " +
                         $"`maxHops` (0–{GraphTraversal.MaxHops}) relations, walked in either direction, never through an entity twice. " +
                         $"Empty when an id names nothing or nothing connects them; the search stops after visiting {GraphTraversal.MaxVisited} entities.")
            .Argument<NonNullGraphType<IdGraphType>>("from")
            .Argument<NonNullGraphType<IdGraphType>>("to")
            .Argument<IntGraphType>("maxHops", $"Longest path, in relations (0–{GraphTraversal.MaxHops}).", arg => arg.DefaultValue = DefaultMaxHops)
            .Argument<IntGraphType>("first", $"Most paths (0–{GraphTraversal.MaxPaths}).", arg => arg.DefaultValue = DefaultPaths)
            .Argument<ListGraphType<NonNullGraphType<RelationTypeGraphType>>>("types", "Walk only relations of these types.")
            .ResolveAsync(async ctx =>
            {
                var maxHops = InRange(ctx, "maxHops", DefaultMaxHops, 0, GraphTraversal.MaxHops);
                var first = InRange(ctx, "first", DefaultPaths, 0, GraphTraversal.MaxPaths);
                var ends = await ctx.ResolveIdsAsync([ctx.GetArgument<string>("from"), ctx.GetArgument<string>("to")]);
                if (ends[0] is not { } from || ends[1] is not { } to) return Array.Empty<EntityPath>();
                var paths = await ctx.ReadServices().GetRequiredService<GraphTraversal>().PathsAsync(
                    from, to, maxHops, first, ctx.GetArgument<List<RelationType>?>("types"), ctx.CancellationToken,
                    ProjectionBuilder.ReadsOfObjectField(ctx, "relations"));
                var entities = await ctx.EntitiesOfFieldAsync("nodes", paths.SelectMany(p => p.NodeIds));
                return paths.Select(p => new EntityPath(p.NodeIds.Select(id => entities[id]).ToList(), p.Relations)).ToList();
            });
    }

    private static int InRange(IResolveFieldContext ctx, string argument, int fallback, int min, int max)
    {
        var value = ctx.GetArgument<int?>(argument) ?? fallback;
        if (value < min || value > max)
            throw GraphQLRequestException.InvalidInput($"'{argument}' is {value}; it must be between {min} and {max}.");
        return value;
    }
}
