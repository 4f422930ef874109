using System.Collections.Generic;
using System.Linq;

namespace SmartCityGraph.Client.Generator.Schema;

/// <summary>The schema the operations are checked against, read from the consumer's schema.graphql.</summary>
internal sealed class GraphQLSchema
{
    public GraphQLSchema(Dictionary<string, SchemaType> types, string queryType, string? mutationType, string? subscriptionType)
    {
        Types = types;
        QueryType = queryType;
        MutationType = mutationType;
        SubscriptionType = subscriptionType;
    }

    public Dictionary<string, SchemaType> Types { get; }

    public string QueryType { get; }

    public string? MutationType { get; }

    public string? SubscriptionType { get; }

    public SchemaType? Find(string name) => Types.TryGetValue(name, out var type) ? type : null;

    /// <summary>The object types a value of <paramref name="typeName"/> can be, sorted by name.</summary>
    public IReadOnlyList<SchemaType> PossibleTypes(string typeName)
    {
        var type = Find(typeName);
        if (type is null)
        {
            return new SchemaType[0];
        }

        return type.Kind switch
        {
            SchemaTypeKind.Object => new[] { type },
            SchemaTypeKind.Union => type.UnionMembers.Select(Find).Where(t => t is not null).Select(t => t!).OrderBy(t => t.Name, System.StringComparer.Ordinal).ToList(),
            SchemaTypeKind.Interface => Types.Values
                .Where(t => t.Kind == SchemaTypeKind.Object && Implements(t, typeName))
                .OrderBy(t => t.Name, System.StringComparer.Ordinal).ToList(),
            _ => new SchemaType[0],
        };
    }

    /// <summary>True when every value of <paramref name="type"/> is also a <paramref name="condition"/>.</summary>
    public bool IsSubtypeOf(string type, string condition)
    {
        if (type == condition)
        {
            return true;
        }

        var schemaType = Find(type);
        var conditionType = Find(condition);
        if (schemaType is null || conditionType is null)
        {
            return false;
        }

        if (conditionType.Kind == SchemaTypeKind.Union)
        {
            return schemaType.Kind == SchemaTypeKind.Object && conditionType.UnionMembers.Contains(type);
        }

        return conditionType.Kind == SchemaTypeKind.Interface && Implements(schemaType, condition);
    }

    /// <summary>True when some object type is both a <paramref name="a"/> and a <paramref name="b"/>.</summary>
    public bool Overlaps(string a, string b)
    {
        var possibleB = new HashSet<string>(PossibleTypes(b).Select(t => t.Name));
        return PossibleTypes(a).Any(t => possibleB.Contains(t.Name));
    }

    private bool Implements(SchemaType type, string interfaceName)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(type.Interfaces);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (name == interfaceName)
            {
                return true;
            }

            if (seen.Add(name) && Find(name) is { } parent)
            {
                foreach (var grandParent in parent.Interfaces)
                {
                    pending.Push(grandParent);
                }
            }
        }

        return false;
    }
}
