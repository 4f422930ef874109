using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// Recognises Relay-style connections by name, so the machinery needs no knowledge of the domain's types:
/// a type named <c>…Connection</c> is a page whose <c>edges</c>/<c>nodes</c> lists hold the page's items,
/// and a type named <c>…Edge</c> wraps one item in its <c>node</c>.
/// </summary>
internal static class ConnectionConventions
{
    public static bool IsConnection(IGraphType namedType) =>
        namedType is IComplexGraphType && namedType.Name.EndsWith("Connection", StringComparison.Ordinal);

    /// <summary><c>edges</c> or <c>nodes</c> of a connection: as long as the connection's page.</summary>
    public static bool IsPageItemList(string fieldName, IGraphType parentType, FieldType field) =>
        fieldName is "edges" or "nodes" && IsConnection(parentType) && IsList(field.ResolvedType);

    /// <summary><c>node</c> of an edge is the same item the edge stands for, so it is not counted again.</summary>
    public static bool IsEdgeNode(string fieldName, IGraphType parentType) =>
        fieldName == "node" && parentType.Name.EndsWith("Edge", StringComparison.Ordinal);

    public static bool IsList(IGraphType? type) =>
        (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;
}
