using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>Finds which operation of a document a request selects, as GraphQL execution will.</summary>
internal static class GraphQLOperationKind
{
    /// <summary>The selected operation's type, or null when the selection is ambiguous or names no operation.</summary>
    public static OperationType? Of(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (string.IsNullOrEmpty(operationName))
            return operations.Count == 1 ? operations[0].Operation : null;
        return operations.FirstOrDefault(operation => operation.Name?.StringValue == operationName)?.Operation;
    }
}
