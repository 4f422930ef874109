using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Filtering;

/// <summary>
/// The input types generated for one schema, by name. A schema accepts one instance per type
/// name, and one operation input (e.g. StringOperationFilterInput) serves many fields.
/// </summary>
public sealed class GeneratedTypes
{
    private readonly Dictionary<string, IGraphType> _byName = [];

    /// <summary>The type named <paramref name="name"/>; created, registered, then filled in (so it may refer to itself).</summary>
    public TType GetOrAdd<TType>(string name, Func<TType> create, Action<TType>? fill = null) where TType : IGraphType
    {
        if (_byName.TryGetValue(name, out var existing)) return (TType)existing;
        var type = create();
        type.Name = name;
        _byName[name] = type;
        fill?.Invoke(type);
        return type;
    }
}
