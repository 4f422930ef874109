using System.Collections.Concurrent;
using GraphQL;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.DataLoading;

/// <summary>
/// Values worked out once per field of the document and request — a field's parsed arguments, its
/// projection — where a resolver would otherwise work them out again for every item of the list above it.
/// Kept in the request's user context, so they go with the request (variables may differ next time).
/// </summary>
public static class FieldMemo
{
    private const string StoreKey = "SmartCityGraph.FieldMemo";

    public static T GetOrAdd<T>(IResolveFieldContext context, string purpose, Func<T> create)
    {
        if (context.UserContext is not { } user) return create();
        ConcurrentDictionary<(GraphQLField Field, string Purpose), object?> store;
        lock (user)
        {
            if (user.TryGetValue(StoreKey, out var existing) && existing is ConcurrentDictionary<(GraphQLField, string), object?> found)
                store = found;
            else
                user[StoreKey] = store = new();
        }
        return (T)store.GetOrAdd((context.FieldAst, purpose), _ => create())!;
    }
}
