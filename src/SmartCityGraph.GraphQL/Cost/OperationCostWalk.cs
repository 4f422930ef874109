using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>One walk of an operation for <see cref="CostAnalyzer"/>; see there for the formula.</summary>
internal sealed class OperationCostWalk(ValidationContext context, CostOptions options)
{
    private readonly FieldArguments _arguments = new(context, options);

    // Each fragment is costed once: this keeps the walk linear in the document's size even when
    // fragments are spread many times (a "fragment bomb" would otherwise take exponential time).
    private readonly Dictionary<string, (IGraphType Condition, CostEstimate Estimate)> _fragments = [];
    private readonly HashSet<string> _fragmentsInProgress = [];

    private ISchema Schema => context.Schema;

    public OperationCost Run()
    {
        var operation = context.Operation;
        IGraphType? root = operation.Operation switch
        {
            OperationType.Mutation => Schema.Mutation,
            OperationType.Subscription => Schema.Subscription,
            _ => Schema.Query,
        };
        if (root == null)
            return new OperationCost(0, 0);

        var estimate = SelectionSet(operation.SelectionSet, root);
        return new OperationCost(estimate.ForPageSize(options.DefaultPageSize), estimate.Depth);
    }

    private CostEstimate SelectionSet(GraphQLSelectionSet selectionSet, IGraphType parentType)
    {
        var always = CostEstimate.Empty;
        List<(IGraphType Condition, CostEstimate Estimate)>? narrowing = null;

        foreach (var selection in selectionSet.Selections)
        {
            if (!context.ShouldIncludeNode(selection))
                continue;

            var (condition, estimate) = selection switch
            {
                GraphQLField field => (parentType, Field(field, parentType)),
                GraphQLInlineFragment inline => InlineFragment(inline, parentType),
                GraphQLFragmentSpread spread => FragmentSpread(spread, parentType),
                _ => (parentType, CostEstimate.Empty),
            };

            if (SameType(condition, parentType) || (parentType is IObjectGraphType target && Applies(condition, target)))
                always = always.Plus(estimate);
            else
                (narrowing ??= []).Add((condition, estimate));
        }

        return narrowing == null ? always : always.Plus(MostExpensiveRuntimeType(parentType, narrowing));
    }

    /// <summary>Fragments on different runtime types never all apply to one object: take the costliest type.</summary>
    private static CostEstimate MostExpensiveRuntimeType(IGraphType parentType, List<(IGraphType Condition, CostEstimate Estimate)> narrowing)
    {
        // Depth counts every fragment, applicable or not.
        var result = new CostEstimate(0, 0, narrowing.Max(n => n.Estimate.Depth));
        var runtimeTypes = (parentType as IAbstractGraphType)?.PossibleTypes;
        if (runtimeTypes == null || runtimeTypes.Count == 0)
            return narrowing.Aggregate(result, (max, n) => max.Max(n.Estimate));

        foreach (var runtimeType in runtimeTypes)
        {
            var forType = CostEstimate.Empty;
            foreach (var (condition, estimate) in narrowing)
            {
                if (Applies(condition, runtimeType))
                    forType = forType.Plus(estimate);
            }
            result = result.Max(forType);
        }
        return result;
    }

    private (IGraphType, CostEstimate) InlineFragment(GraphQLInlineFragment inline, IGraphType parentType)
    {
        var condition = inline.TypeCondition == null
            ? parentType
            : Schema.AllTypes[inline.TypeCondition.Type.Name.StringValue] ?? parentType;
        return (condition, SelectionSet(inline.SelectionSet, condition));
    }

    private (IGraphType, CostEstimate) FragmentSpread(GraphQLFragmentSpread spread, IGraphType parentType)
    {
        var name = spread.FragmentName.Name.StringValue;
        if (_fragments.TryGetValue(name, out var known))
            return known;

        var definition = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .FirstOrDefault(d => d.FragmentName.Name.StringValue == name);
        // Unknown fragments and cycles fail the core rules first; tolerate them when the host omits those.
        if (definition == null || !_fragmentsInProgress.Add(name))
            return (parentType, CostEstimate.Empty);

        var condition = Schema.AllTypes[definition.TypeCondition.Type.Name.StringValue] ?? parentType;
        var result = (condition, SelectionSet(definition.SelectionSet, condition));
        _fragmentsInProgress.Remove(name);
        _fragments[name] = result;
        return result;
    }

    private CostEstimate Field(GraphQLField field, IGraphType parentType)
    {
        var name = field.Name.StringValue;
        var definition = FieldDefinition(name, parentType);
        var namedType = definition?.ResolvedType?.GetNamedType();
        if (definition == null || namedType == null || field.SelectionSet == null)
            return new CostEstimate(0, 0, 1); // a leaf (or a field validation already refused)

        var children = SelectionSet(field.SelectionSet, namedType);
        var depth = 1 + children.Depth;

        if (name.StartsWith("__", StringComparison.Ordinal))
            return new CostEstimate(0, 0, depth); // introspection reads the schema, not the database

        long own = ConnectionConventions.IsEdgeNode(name, parentType) ? 0 : 1;

        if (definition.GetPageSizeArgument() is { } pageSizeArgument)
        {
            var pageSize = _arguments.IntegerArgument(field, definition, pageSizeArgument) ?? options.DefaultPageSize;
            return new CostEstimate(Saturating.Add(own, children.ForPageSize(pageSize)), 0, depth);
        }

        if (ConnectionConventions.IsConnection(namedType))
        {
            var pageSize = _arguments.SliceSize(field, definition) ?? options.DefaultPageSize;
            return new CostEstimate(Saturating.Add(own, children.ForPageSize(pageSize)), 0, depth);
        }

        var perItem = Saturating.Add(own, children.ForPageSize(options.DefaultPageSize));

        // edges/nodes: one per item of the enclosing connection, whose page size is applied there.
        if (ConnectionConventions.IsPageItemList(name, parentType, definition) || definition.IsPageItems())
            return new CostEstimate(0, perItem, depth);

        return new CostEstimate(Saturating.Multiply(ItemCount(field, definition), perItem), 0, depth);
    }

    private long ItemCount(GraphQLField field, FieldType definition)
    {
        if (_arguments.SliceSize(field, definition) is { } slice)
            return slice;
        if (!ConnectionConventions.IsList(definition.ResolvedType))
            return 1;
        return _arguments.ListLength(field, definition) ?? options.DefaultListSize;
    }

    private FieldType? FieldDefinition(string name, IGraphType parentType) => name switch
    {
        "__typename" => Schema.TypeNameMetaFieldType,
        "__schema" => Schema.SchemaMetaFieldType,
        "__type" => Schema.TypeMetaFieldType,
        _ => (parentType as IComplexGraphType)?.GetField(name),
    };

    private static bool SameType(IGraphType a, IGraphType b) => ReferenceEquals(a, b) || a.Name == b.Name;

    private static bool Applies(IGraphType condition, IObjectGraphType runtimeType) =>
        SameType(condition, runtimeType)
        || (condition is IAbstractGraphType abstractType && abstractType.PossibleTypes.Any(t => SameType(t, runtimeType)));
}
