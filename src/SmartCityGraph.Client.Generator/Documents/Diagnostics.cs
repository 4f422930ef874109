using Microsoft.CodeAnalysis;

namespace SmartCityGraph.Client.Generator.Documents;

/// <summary>
/// What the generator reports. Every problem with a document is an error: a client that does not
/// match the schema would fail at run time, so the build fails instead.
/// </summary>
internal static class Diagnostics
{
    private const string Category = "SmartCityGraph.Client";

    public static readonly DiagnosticDescriptor SchemaMissing = Error(
        "SCG001", "No schema.graphql", "The GraphQL client needs a schema.graphql beside its operations; none of the {0} .graphql files is called schema.graphql");

    public static readonly DiagnosticDescriptor SchemaSyntaxError = Error(
        "SCG002", "The schema does not parse", "The schema does not parse: {0}");

    public static readonly DiagnosticDescriptor InvalidSchema = Error(
        "SCG003", "The schema is not valid", "The schema is not valid: {0}");

    public static readonly DiagnosticDescriptor OperationSyntaxError = Error(
        "SCG010", "An operation document does not parse", "The GraphQL document does not parse: {0}");

    public static readonly DiagnosticDescriptor UnknownField = Error(
        "SCG011", "Unknown field", "The type '{0}' has no field '{1}'");

    public static readonly DiagnosticDescriptor UnknownArgument = Error(
        "SCG012", "Unknown argument", "The field '{0}' has no argument '{1}'");

    public static readonly DiagnosticDescriptor WrongArgumentType = Error(
        "SCG013", "Wrong argument type", "{0} expects a value of type '{1}', but gets {2}");

    public static readonly DiagnosticDescriptor MissingRequiredArgument = Error(
        "SCG014", "Missing required argument", "The field '{0}' requires the argument '{1}: {2}'");

    public static readonly DiagnosticDescriptor UndeclaredVariable = Error(
        "SCG015", "Undeclared variable", "The variable '${0}' is used but the operation '{1}' does not declare it");

    public static readonly DiagnosticDescriptor DuplicateOperationName = Error(
        "SCG016", "Duplicate operation name", "There is more than one operation named '{0}' (the other one is in {1}); operation names must be unique across all documents");

    public static readonly DiagnosticDescriptor AnonymousOperation = Error(
        "SCG017", "Anonymous operation", "Give the operation a name: the generated client calls it by name (client.<Name>.ExecuteAsync)");

    public static readonly DiagnosticDescriptor UnknownType = Error(
        "SCG018", "Unknown type", "The schema has no type '{0}'");

    public static readonly DiagnosticDescriptor SelectionSetMismatch = Error(
        "SCG019", "Wrong selection set", "{0}");

    public static readonly DiagnosticDescriptor UnknownFragment = Error(
        "SCG020", "Unknown fragment", "There is no fragment named '{0}'");

    public static readonly DiagnosticDescriptor DuplicateFragmentName = Error(
        "SCG021", "Duplicate fragment name", "There is more than one fragment named '{0}' (the other one is in {1})");

    public static readonly DiagnosticDescriptor ImpossibleFragment = Error(
        "SCG022", "Fragment can never apply", "A fragment on '{0}' can never apply to a value of type '{1}'");

    public static readonly DiagnosticDescriptor InvalidVariableType = Error(
        "SCG023", "Invalid variable type", "The variable '${0}' must have an input type (scalar, enum or input object), not '{1}'");

    public static readonly DiagnosticDescriptor Unsupported = Error(
        "SCG024", "Not supported by the client generator", "{0}");

    public static readonly DiagnosticDescriptor FragmentCycle = Error(
        "SCG025", "Fragment cycle", "The fragment '{0}' spreads itself");

    public static readonly DiagnosticDescriptor FieldShapeConflict = Error(
        "SCG026", "Conflicting field shapes", "'{0}' is '{1}' in one place and '{2}' in another; one response name needs one type, so give one of them an alias");

    public static readonly DiagnosticDescriptor UnusedVariable = Error(
        "SCG027", "Unused variable", "The variable '${0}' is declared but the operation '{1}' never uses it (the server refuses such an operation)");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
