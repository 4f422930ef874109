using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.DataLoading;

/// <summary>
/// Values worked out once per field of the document — a field's parsed arguments, its projection — where a
/// resolver would otherwise work them out again for every item of the list above it.
/// </summary>
public static class FieldMemo
{
    private const string StoreKey = "SmartCityGraph.FieldMemo";

    /// <summary>
    /// Once per field and request, kept in the request's user context: for values that depend on the request
    /// (its variables, its user), which may differ next time.
    /// </summary>
    public static T GetOrAdd<T>(IResolveFieldContext context, string purpose, Func<T> create) =>
        GetOrAdd(context, purpose, create, static (_, create) => create());

    /// <summary>
    /// As above, with <paramref name="create"/> given the field's context: a resolver that runs once per item can pass one
    /// delegate made up front instead of a new closure over each item's context.
    /// </summary>
    public static T GetOrAdd<T>(IResolveFieldContext context, string purpose, Func<IResolveFieldContext, T> create) =>
        GetOrAdd(context, purpose, create, static (context, create) => create(context));

    private static T GetOrAdd<T, TState>(IResolveFieldContext context, string purpose, TState state, Func<IResolveFieldContext, TState, T> create)
    {
        if (context.UserContext is not { } user) return create(context, state);
        ConcurrentDictionary<(GraphQLField Field, string Purpose), object?> store;
        if (user is ConcurrentDictionary<string, object?> concurrent)
            store = (ConcurrentDictionary<(GraphQLField, string), object?>)concurrent.GetOrAdd(StoreKey, static _ => NewStore())!;
        else
        {
            lock (user)
            {
                if (user.TryGetValue(StoreKey, out var existing) && existing is ConcurrentDictionary<(GraphQLField, string), object?> found)
                    store = found;
                else
                    user[StoreKey] = store = NewStore();
            }
        }
        var key = (context.FieldAst, purpose);
        return (T)(store.TryGetValue(key, out var value) ? value : store.GetOrAdd(key, _ => create(context, state)))!;
    }

    private static ConcurrentDictionary<(GraphQLField, string), object?> NewStore() => new();

    // Weak: the values go when their document does (a cached document lives as long as its cache keeps it).
    private static readonly ConditionalWeakTable<GraphQLField, ConcurrentDictionary<(FieldType Definition, object Purpose), object?>> PerDocument = new();

    /// <summary>
    /// Once per field of a parsed document, across requests: for values that follow from the document and the schema
    /// alone (what a field's selection reads), never from variables or the user. A document served from the
    /// validated-document cache is the same parse on every request, so its values are worked out once; keyed also by
    /// the field's definition, which a field in a fragment spread on several types may have several of.
    /// </summary>
    /// <param name="purpose">What the value is, compared by <see cref="object.Equals(object)"/> (a string, a tuple).</param>
    public static T GetOrAddForDocument<T>(IResolveFieldContext context, object purpose, Func<T> create)
    {
        var values = PerDocument.GetValue(context.FieldAst, static _ => new());
        var key = (context.FieldDefinition, purpose);
        return (T)(values.TryGetValue(key, out var value) ? value : values.GetOrAdd(key, _ => create()))!;
    }
}
