namespace SmartCityGraph.GraphQL.Filtering;

/// <summary>How values of one CLR type are filtered: the GraphQL type of the operands and the operators offered.</summary>
public sealed record FilterScalar(string GraphTypeName, string InputName, IReadOnlyList<string> Operations)
{
    /// <summary>
    /// The convention: strings get text operators, dates and numbers order operators, enums and
    /// booleans equality only. An enum's GraphQL type is named like its CLR type unless told otherwise.
    /// </summary>
    public static FilterScalar For(Type type, string? graphTypeName = null)
    {
        if (type == typeof(string)) return Named(graphTypeName ?? "String", FilterOperations.Text);
        if (type == typeof(DateOnly)) return Named(graphTypeName ?? "Date", FilterOperations.Ordered);
        if (type == typeof(int)) return Named(graphTypeName ?? "Int", FilterOperations.Ordered);
        if (type == typeof(bool)) return Named(graphTypeName ?? "Boolean", [FilterOperations.Eq, FilterOperations.Neq]);
        if (type.IsEnum) return Named(graphTypeName ?? type.Name, FilterOperations.Equality);
        throw new NotSupportedException($"Filtering on {type.Name} values is not supported.");
    }

    private static FilterScalar Named(string graphTypeName, IReadOnlyList<string> operations) =>
        new(graphTypeName, graphTypeName + "OperationFilterInput", operations);
}
