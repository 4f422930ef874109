using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Documents;

/// <summary>
/// What reading one operation's variables and arguments needs from its document, found once per operation of a cached
/// document: where each variable is used (with the type of the position), the fields that take arguments (with their
/// definitions) and the nodes that carry directives. Per request only the values are then read.
/// </summary>
/// <remarks>
/// <see cref="DocumentValidator"/> walks the whole operation twice on every request even without rules: once with a type
/// tracker for the variables' usages (whether a nullable variable stands where a non-null value is required) and once
/// for the arguments and directives (about 7 % of the CPU of a small request with variables). Both walks depend on the
/// document alone. The values are still read by GraphQL.NET's own code (<see cref="ValidationContext.GetVariablesValuesAsync"/>,
/// <see cref="ExecutionHelper.GetArguments"/>, <see cref="ExecutionHelper.GetDirectives"/>), so coercion and its errors
/// are exactly GraphQL.NET's. The walk here reaches what its argument walk reaches: the operation, its variable
/// definitions, and every field, inline fragment and fragment spread under it, each fragment definition once.
/// </remarks>
public sealed class PreparedOperation
{
    private static readonly ConditionalWeakTable<GraphQLOperationDefinition, PreparedOperation> Prepared = new();

    private readonly ISchema _schema;
    private readonly List<VariableUsage>? _variableUsages;
    private readonly (GraphQLField Field, FieldType Definition)[] _fieldsWithArguments;
    private readonly ASTNode[] _nodesWithDirectives;

    private PreparedOperation(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        _schema = schema;
        _variableUsages = operation.Variables is { Count: > 0 }
            ? new ValidationContext { Schema = schema, Document = document, Operation = operation }.GetRecursiveVariables(operation)
            : null;
        var walk = new Walk(schema, document);
        walk.Operation(operation);
        _fieldsWithArguments = [.. walk.FieldsWithArguments];
        _nodesWithDirectives = [.. walk.NodesWithDirectives];
    }

    /// <summary>The prepared form of <paramref name="operation"/> (kept as long as its document is).</summary>
    public static PreparedOperation For(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        if (Prepared.TryGetValue(operation, out var prepared) && ReferenceEquals(prepared._schema, schema))
            return prepared;
        prepared = new PreparedOperation(schema, document, operation);
        Prepared.AddOrUpdate(operation, prepared);
        return prepared;
    }

    /// <summary>
    /// Coerces the request's variables and reads the arguments and directives into <paramref name="context"/> (its
    /// <see cref="ValidationContext.ArgumentValues"/> and <see cref="ValidationContext.DirectiveValues"/>), reporting
    /// errors there; returns the variables.
    /// </summary>
    public async ValueTask<Variables> ReadValuesAsync(ValidationContext context)
    {
        if (_variableUsages is not null)
            KnownVariableUsages.Seed(context, context.Operation, _variableUsages);
        var (variables, errors) = await context.GetVariablesValuesAsync().ConfigureAwait(false);
        if (errors is not null)
        {
            foreach (var error in errors)
                context.ReportError(error);
            return variables;
        }

        foreach (var (field, definition) in _fieldsWithArguments)
        {
            try
            {
                if (ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, variables, context.Document, field, null) is { } arguments)
                    (context.ArgumentValues ??= []).Add(field, arguments);
            }
            catch (ValidationError error)
            {
                context.ReportError(error);
            }
        }
        foreach (var node in _nodesWithDirectives)
        {
            try
            {
                if (ExecutionHelper.GetDirectives((IHasDirectivesNode)node, variables, context.Schema, context.Document) is { } directives)
                    (context.DirectiveValues ??= []).Add(node, directives);
            }
            catch (ValidationError error)
            {
                context.ReportError(error);
            }
        }
        return variables;
    }

    /// <summary>The fields with arguments and the nodes with directives under an operation, in document order.</summary>
    private sealed class Walk(ISchema schema, GraphQLDocument document)
    {
        private readonly HashSet<ROM> _visitedFragments = [];
        public List<(GraphQLField, FieldType)> FieldsWithArguments { get; } = [];
        public List<ASTNode> NodesWithDirectives { get; } = [];

        public void Operation(GraphQLOperationDefinition operation)
        {
            Directives(operation);
            foreach (var variable in operation.Variables?.Items ?? [])
                Directives(variable);
            IGraphType? root = operation.Operation switch
            {
                OperationType.Query => schema.Query,
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => null,
            };
            if (root is not null)
                SelectionSet(operation.SelectionSet, root);
        }

        private void SelectionSet(GraphQLSelectionSet? selectionSet, IGraphType parent)
        {
            foreach (var selection in selectionSet?.Selections ?? [])
            {
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field, parent);
                        break;
                    case GraphQLInlineFragment inline:
                        Directives(inline);
                        SelectionSet(inline.SelectionSet, inline.TypeCondition is { } condition ? TypeNamed(condition) ?? parent : parent);
                        break;
                    case GraphQLFragmentSpread spread:
                        Directives(spread);
                        if (_visitedFragments.Add(spread.FragmentName.Name.Value) && document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment)
                        {
                            Directives(fragment);
                            if (TypeNamed(fragment.TypeCondition) is { } type)
                                SelectionSet(fragment.SelectionSet, type);
                        }
                        break;
                }
            }
        }

        private void Field(GraphQLField field, IGraphType parent)
        {
            Directives(field);
            var name = field.Name.Value;
            var definition =
                name == schema.TypeMetaFieldType.Name ? schema.TypeMetaFieldType
                : name == schema.TypeNameMetaFieldType.Name ? schema.TypeNameMetaFieldType
                : name == schema.SchemaMetaFieldType.Name ? schema.SchemaMetaFieldType
                : (parent as IComplexGraphType)?.Fields.Find(name);
            if (definition is null)
                return;
            if (field.Arguments is { Count: > 0 })
                FieldsWithArguments.Add((field, definition));
            if (definition.ResolvedType?.GetNamedType() is { } type and (IComplexGraphType or IAbstractGraphType))
                SelectionSet(field.SelectionSet, type);
        }

        private IGraphType? TypeNamed(GraphQLTypeCondition condition) => schema.AllTypes[condition.Type.Name.Value]?.GetNamedType();

        private void Directives(ASTNode node)
        {
            if (node is IHasDirectivesNode { Directives.Count: > 0 })
                NodesWithDirectives.Add(node);
        }
    }

    /// <summary>
    /// The usages a <see cref="ValidationContext"/> keeps per operation (GraphQL.NET finds them with a walk of the operation
    /// the first time it is asked, and has no public way to hand them over). Seeding them is an optimisation only: should a
    /// later GraphQL.NET rename the field, the context walks as before.
    /// </summary>
    private static class KnownVariableUsages
    {
        private static bool _unavailable;

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_variables")]
        private static extern ref Dictionary<GraphQLOperationDefinition, List<VariableUsage>?> Of(ValidationContext context);

        public static void Seed(ValidationContext context, GraphQLOperationDefinition operation, List<VariableUsage> usages)
        {
            if (_unavailable)
                return;
            try
            {
                Of(context)[operation] = usages;
            }
            catch (MissingFieldException)
            {
                _unavailable = true;
            }
        }
    }
}
