using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.AsOf;

/// <summary>
/// <c>asOf: DateTime</c> on the fields that read the graph (node, nodes, the root connections, graph, paths): the field
/// and everything below it read the graph as it stood then, through the same resolvers, which find their services
/// with <see cref="ReadServices"/>. Derived event statuses still count from today (ask <c>status(on:)</c> for another day).
/// </summary>
public static class AsOfFields
{
    public const string ArgumentName = "asOf";

    /// <summary>Set in the request's user context once a field opened an <c>asOf</c> scope.</summary>
    private const string ScopeOpenedKey = "SmartCityGraph.AsOf.ScopeOpened";

    /// <summary>Adds <c>asOf</c> to the named fields of <paramref name="type"/> and opens its scope before their resolvers run.</summary>
    public static void AddAsOf(this IComplexGraphType type, params string[] fieldNames)
    {
        foreach (var name in fieldNames)
        {
            var field = type.GetField(name) ?? throw new ArgumentException($"{type.Name} has no field '{name}'.");
            (field.Arguments ??= new QueryArguments()).Add(new QueryArgument<InstantGraphType>
            {
                Name = ArgumentName,
                Description = "Read the graph as it stood at this instant (the latest revision at or before it); by default, now.",
            });
            var inner = field.Resolver ?? throw new InvalidOperationException($"{type.Name}.{name} has no resolver.");
            field.Resolver = new FuncFieldResolver<object?>(async ctx =>
            {
                if (ctx.GetArgument<DateTimeOffset?>(ArgumentName) is { } instant)
                {
                    ctx.UserContext[ScopeOpenedKey] = true;
                    await ctx.RequestServices!.GetRequiredService<AsOfScopes>().OpenAsync(instant, ctx.RequestServices!, ctx.CancellationToken);
                }
                return await inner.ResolveAsync(ctx);
            });
        }
    }

    /// <summary>
    /// The services a resolver reads the graph with: those of the nearest enclosing field's <c>asOf</c> scope, else the request's.
    /// </summary>
    public static IServiceProvider ReadServices(this IResolveFieldContext context)
    {
        // Most requests ask for no instant: then the request's services, without walking up the fields (each step up
        // makes a new context object, and every item's resolver asks).
        if (!context.UserContext.ContainsKey(ScopeOpenedKey)) return context.RequestServices!;
        for (var current = context; current is not null; current = current.Parent)
        {
            if (current.Arguments is { } arguments && arguments.TryGetValue(ArgumentName, out var argument) && argument.Value is DateTimeOffset instant)
                return context.RequestServices!.GetRequiredService<AsOfScopes>().Opened(instant).Services;
        }
        return context.RequestServices!;
    }
}
