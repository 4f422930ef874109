using System.Collections.Concurrent;
using GraphQL.Types;

namespace SmartCityGraph.GraphQL.AbstractTypes;

/// <summary>
/// Finds the object type of an interface's or union's value by the value's CLR type, asking the possible types'
/// <c>IsTypeOf</c> once per CLR type: GraphQL.NET otherwise asks them in turn for every value (a list of entities asked
/// up to a dozen types per item). Only for types whose <c>IsTypeOf</c> depends on the CLR type alone (<c>value is T</c>).
/// </summary>
public static class ClrTypeResolution
{
    public static void ResolveByClrType(this IAbstractGraphType type)
    {
        var known = new ConcurrentDictionary<Type, IObjectGraphType?>();
        type.ResolveType = value => known.TryGetValue(value.GetType(), out var found)
            ? found
            : known.GetOrAdd(value.GetType(), static (_, state) =>
                state.Type.PossibleTypes.FirstOrDefault(t => t.IsTypeOf?.Invoke(state.Value) == true), (Type: type, Value: value));
    }
}
