using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Filtering;

/// <summary>The per-field operators a filter input offers (HotChocolate's names).</summary>
public static class FilterOperations
{
    public const string Eq = "eq", Neq = "neq", In = "in", Nin = "nin";
    public const string Contains = "contains", StartsWith = "startsWith", EndsWith = "endsWith";
    public const string Gt = "gt", Gte = "gte", Lt = "lt", Lte = "lte";

    public static readonly string[] Equality = [Eq, Neq, In, Nin];
    public static readonly string[] Text = [.. Equality, Contains, StartsWith, EndsWith];
    public static readonly string[] Ordered = [.. Equality, Gt, Gte, Lt, Lte];

    /// <summary>An input such as StringOperationFilterInput: one field per operator, lists for in/nin.</summary>
    public static InputObjectGraphType OperationInput(GeneratedTypes types, string name, string scalarName, IEnumerable<string> operations) =>
        types.GetOrAdd(name, () => new InputObjectGraphType(), type =>
        {
            type.Description = $"Conditions on a {scalarName} value; all given conditions must hold.";
            foreach (var operation in operations)
            {
                IGraphType fieldType = operation is In or Nin
                    ? new ListGraphType(new GraphQLTypeReference(scalarName))
                    : new GraphQLTypeReference(scalarName);
                type.AddField(new FieldType { Name = operation, ResolvedType = fieldType, Description = Describe(operation) });
            }
        });

    private static string Describe(string operation) => operation switch
    {
        Eq => "Equals the value (null: has no value).",
        Neq => "Differs from the value.",
        In => "Equals one of the values (an empty list matches nothing).",
        Nin => "Equals none of the values.",
        Contains => "Contains the text, ignoring case.",
        StartsWith => "Starts with the text, ignoring case.",
        EndsWith => "Ends with the text, ignoring case.",
        Gt => "Greater than the value.",
        Gte => "Greater than or equal to the value.",
        Lt => "Less than the value.",
        _ => "Less than or equal to the value.",
    };
}
