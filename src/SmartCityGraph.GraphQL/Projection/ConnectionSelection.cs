using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Projection;

/// <summary>
/// The fields a request selects on the items of a Relay connection — under <c>nodes</c> and under
/// <c>edges { node }</c>, through named fragments and inline fragments. The connection's other fields
/// (<c>pageInfo</c>, <c>totalCount</c>, an edge's <c>cursor</c>, facets) read the page, not its items.
/// </summary>
internal sealed class ConnectionSelection
{
    private readonly IResolveFieldContext _context;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments;

    private ConnectionSelection(IResolveFieldContext context)
    {
        _context = context;
        _fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());
    }

    public required IObjectGraphType NodeType { get; init; }

    /// <summary>Every field selected on the items, once per occurrence (aliases and repeats included).</summary>
    public List<GraphQLField> NodeFields { get; } = [];

    /// <summary>
    /// The selection of the connection field <paramref name="context"/> resolves, or null when its items are not of one
    /// object type (an interface or union: their fields are resolved by types this walk cannot see).
    /// </summary>
    public static ConnectionSelection? Of(IResolveFieldContext context)
    {
        if (context.FieldDefinition.ResolvedType?.GetNamedType() is not IObjectGraphType connection
            || context.FieldAst.SelectionSet is not { } selectionSet
            || NodeTypeOf(connection) is not { } nodeType)
            return null;
        var selection = new ConnectionSelection(context) { NodeType = nodeType };
        foreach (var field in selection.Fields(selectionSet, connection, []))
        {
            var name = field.Name.StringValue;
            if (name == "nodes" && field.SelectionSet is { } nodes)
                selection.NodeFields.AddRange(selection.Fields(nodes, nodeType, []));
            else if (name == "edges" && field.SelectionSet is { } edges && ItemTypeOf(connection, "edges") is IObjectGraphType edge)
            {
                foreach (var edgeField in selection.Fields(edges, edge, []))
                {
                    if (edgeField.Name.StringValue == "node" && edgeField.SelectionSet is { } node)
                        selection.NodeFields.AddRange(selection.Fields(node, nodeType, []));
                }
            }
        }
        return selection;
    }

    /// <summary>
    /// The selection of a field that returns the items themselves — one object or a list of them, e.g. an event's
    /// organisers — or null when they are not of one object type.
    /// </summary>
    public static ConnectionSelection? OfItems(IResolveFieldContext context)
    {
        if (context.FieldDefinition.ResolvedType?.GetNamedType() is not IObjectGraphType itemType
            || context.FieldAst.SelectionSet is not { } selectionSet)
            return null;
        var selection = new ConnectionSelection(context) { NodeType = itemType };
        selection.NodeFields.AddRange(selection.Fields(selectionSet, itemType, []));
        return selection;
    }

    /// <summary>
    /// The field <paramref name="context"/> resolves, as the one selected field of its parent object: so the members its
    /// own value's selection reads are found as for a field of a connection's items.
    /// </summary>
    public static ConnectionSelection? OfField(IResolveFieldContext context)
    {
        if (context.ParentType is not IObjectGraphType parent)
            return null;
        var selection = new ConnectionSelection(context) { NodeType = parent };
        selection.NodeFields.Add(context.FieldAst);
        return selection;
    }

    /// <summary>The fields of <paramref name="selectionSet"/> that apply to an object of <paramref name="type"/>, fragments spread out.</summary>
    public IEnumerable<GraphQLField> FieldsOn(GraphQLSelectionSet selectionSet, IObjectGraphType type) => Fields(selectionSet, type, []);

    /// <summary>The object type of the items, when <c>nodes</c> and <c>edges.node</c> agree on one.</summary>
    private static IObjectGraphType? NodeTypeOf(IObjectGraphType connection)
    {
        var nodes = ItemTypeOf(connection, "nodes");
        var edgeNode = ItemTypeOf(connection, "edges") is IComplexGraphType edge ? ItemTypeOf(edge, "node") : null;
        var nodeType = nodes ?? edgeNode;
        if (nodeType is not IObjectGraphType objectType) return null;
        return edgeNode is null || edgeNode.Name == objectType.Name ? objectType : null;
    }

    private static IGraphType? ItemTypeOf(IComplexGraphType type, string fieldName) =>
        type.GetField(fieldName)?.ResolvedType?.GetNamedType();

    /// <summary>The fields of a selection set on an object of <paramref name="type"/>, with the fragments that apply to it spread out.</summary>
    private IEnumerable<GraphQLField> Fields(GraphQLSelectionSet selectionSet, IObjectGraphType type, HashSet<string> spreading)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    yield return field;
                    break;
                case GraphQLInlineFragment inline when Applies(inline.TypeCondition, type):
                    foreach (var field in Fields(inline.SelectionSet, type, spreading)) yield return field;
                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    // A cycle never passes validation; the guard only keeps a walk without it finite.
                    if (_fragments.TryGetValue(name, out var fragment) && Applies(fragment.TypeCondition, type) && spreading.Add(name))
                    {
                        foreach (var field in Fields(fragment.SelectionSet, type, spreading)) yield return field;
                        spreading.Remove(name);
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Whether a fragment's fields are resolved on an object of <paramref name="type"/>: no condition, the type itself,
    /// an interface it implements or a union it belongs to. @skip and @include are not evaluated: a skipped field
    /// counts as selected, which can only make the projection load more, never less.
    /// </summary>
    private bool Applies(GraphQLTypeCondition? condition, IObjectGraphType type)
    {
        if (condition is null) return true;
        var name = condition.Type.Name.StringValue;
        if (name == type.Name || type.ResolvedInterfaces.Any(i => i.Name == name)) return true;
        return _context.Schema.AllTypes[name] is UnionGraphType union && union.PossibleTypes.Any(t => t.Name == type.Name);
    }
}
