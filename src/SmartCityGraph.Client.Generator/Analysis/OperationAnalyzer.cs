using System.Collections.Generic;
using System.Linq;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Documents;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Analysis;

/// <summary>
/// Validates the operations against the schema (the checks a server would make, so that they fail
/// the build instead of a request) and builds the model the emitter writes the client from.
/// </summary>
internal sealed class OperationAnalyzer
{
    private readonly GraphQLSchema _schema;
    private readonly FragmentIndex _fragments;
    private readonly DiagnosticSink _diagnostics;
    private readonly Dictionary<string, FragmentInterfaceModel?> _fragmentInterfaces = new();

    private OperationAnalyzer(GraphQLSchema schema, FragmentIndex fragments, DiagnosticSink diagnostics)
    {
        _schema = schema;
        _fragments = fragments;
        _diagnostics = diagnostics;
    }

    public static AnalysisResult Analyze(GraphQLSchema schema, IReadOnlyList<ParsedDocument> documents, DiagnosticSink diagnostics)
    {
        var analyzer = new OperationAnalyzer(schema, FragmentIndex.Build(documents, diagnostics), diagnostics);
        var operations = new List<OperationModel>();
        var seen = new Dictionary<string, (SourceFile File, ASTNode Node)>();
        foreach (var document in documents)
        {
            foreach (var operation in document.Document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                if (operation.Name is null)
                {
                    diagnostics.Report(Diagnostics.AnonymousOperation, document.File.LocationOf(operation.Location.Start, operation.Location.Start + 1));
                    continue;
                }

                var name = operation.Name.StringValue;
                if (seen.TryGetValue(name, out var first))
                {
                    diagnostics.Report(Diagnostics.DuplicateOperationName, document.File.LocationOf(operation.Name), name, FragmentIndex.Describe(first.File, first.Node));
                    continue;
                }

                seen[name] = (document.File, operation.Name);
                if (analyzer.AnalyzeOperation(document.File, operation) is { } model)
                {
                    operations.Add(model);
                }
            }
        }

        var fragmentInterfaces = analyzer._fragmentInterfaces.Values
            .Where(f => f is not null)
            .Select(f => f!)
            .OrderBy(f => f.Name, System.StringComparer.Ordinal)
            .ToList();
        return new AnalysisResult(operations, fragmentInterfaces);
    }

    private OperationModel? AnalyzeOperation(SourceFile file, GraphQLOperationDefinition operation)
    {
        var errorsBefore = _diagnostics.All.Count;
        var name = operation.Name!.StringValue;
        var rootTypeName = operation.Operation switch
        {
            OperationType.Query => _schema.QueryType,
            OperationType.Mutation => _schema.MutationType,
            OperationType.Subscription => _schema.SubscriptionType,
            _ => null,
        };

        if (rootTypeName is null || _schema.Find(rootTypeName) is not { } rootType)
        {
            _diagnostics.Report(Diagnostics.SelectionSetMismatch, file.LocationOf(operation.Name), "The schema has no " + operation.Operation.ToString().ToLowerInvariant() + " type");
            return null;
        }

        var scope = new OperationScope(name, file);
        foreach (var variable in operation.Variables?.Items ?? new List<GraphQLVariableDefinition>())
        {
            var variableName = variable.Variable.Name.StringValue;
            var type = TypeRef.From(variable.Type);
            var schemaType = _schema.Find(type.NamedType);
            if (schemaType is null)
            {
                _diagnostics.Report(Diagnostics.UnknownType, file.LocationOf(variable.Type), type.NamedType);
                scope.UsedVariables.Add(variableName);
                scope.InvalidVariables.Add(variableName);
                continue;
            }

            if (!schemaType.IsInput)
            {
                _diagnostics.Report(Diagnostics.InvalidVariableType, file.LocationOf(variable.Type), variableName, type.ToString());
                scope.UsedVariables.Add(variableName);
                scope.InvalidVariables.Add(variableName);
                continue;
            }

            scope.Variables.Add(new VariableModel(variableName, type, variable.DefaultValue is not null));
        }

        var root = AnalyzeSelectionSet(scope, Located(operation.SelectionSet.Selections, file), rootType);
        foreach (var variable in operation.Variables?.Items ?? new List<GraphQLVariableDefinition>())
        {
            if (!scope.UsedVariables.Contains(variable.Variable.Name.StringValue))
            {
                _diagnostics.Report(Diagnostics.UnusedVariable, file.LocationOf(variable.Variable), variable.Variable.Name.StringValue, name);
            }
        }

        if (_diagnostics.All.Count != errorsBefore)
        {
            return null;
        }

        var document = DocumentText.Build(file, operation, scope.UsedFragments, _fragments);
        return new OperationModel(name, operation.Operation, scope.Variables, root, document, file);
    }

    private SelectionSetModel AnalyzeSelectionSet(OperationScope scope, List<LocatedSelection> selections, SchemaType parent)
    {
        var baseFields = new FieldCollector(parent);
        var conditions = new List<FieldCollector>();
        Collect(scope, selections, parent, baseFields, conditions, new Stack<string>());

        var fields = baseFields.Build(this, scope);
        var conditionModels = new List<ConditionModel>();
        foreach (var condition in conditions)
        {
            // A field also selected for every value is inherited from the base interface.
            var own = condition.Build(this, scope).Where(f => !InheritedFrom(fields, f, scope, condition)).ToList();
            conditionModels.Add(new ConditionModel(condition.Type.Name, own, condition.Fragments));
        }

        CheckShapes(scope, conditionModels, conditions);
        CheckOverlappingConditions(scope, parent, conditionModels, conditions);
        return new SelectionSetModel(parent.Name, parent.IsAbstract, fields, conditionModels, baseFields.Fragments);
    }

    private bool InheritedFrom(IReadOnlyList<FieldModel> baseFields, FieldModel field, OperationScope scope, FieldCollector condition)
    {
        var inherited = baseFields.FirstOrDefault(f => f.ResponseName == field.ResponseName);
        if (inherited is null)
        {
            return false;
        }

        if (!SameShape(inherited.Definition.Type, field.Definition.Type))
        {
            ReportShapeConflict(condition.LocationOf(field.ResponseName, scope.File), field.ResponseName, inherited, field);
        }
        else if (inherited.Selection is not null || field.Selection is not null)
        {
            _diagnostics.Report(
                Diagnostics.Unsupported,
                condition.LocationOf(field.ResponseName, scope.File),
                "'" + field.ResponseName + "' is selected both for every value and in the fragment on '" + condition.Type.Name
                + "' with a different selection; the typed client needs it selected in one place");
        }

        return true;
    }

    /// <summary>
    /// GraphQL's "same response shape" rule: one response name may not be a Date! in one fragment and
    /// a Date in another, even when the fragments are for different types (the server refuses it too).
    /// </summary>
    private void CheckShapes(OperationScope scope, List<ConditionModel> conditions, List<FieldCollector> collectors)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                foreach (var field in conditions[i].Fields)
                {
                    var other = conditions[j].Fields.FirstOrDefault(f => f.ResponseName == field.ResponseName);
                    if (other is not null && !SameShape(other.Definition.Type, field.Definition.Type))
                    {
                        ReportShapeConflict(collectors[i].LocationOf(field.ResponseName, scope.File), field.ResponseName, other, field);
                    }
                }
            }
        }
    }

    private bool SameShape(TypeRef a, TypeRef b)
    {
        if (a.IsNonNull || b.IsNonNull)
        {
            return a.IsNonNull && b.IsNonNull && SameShape(a.OfType!, b.OfType!);
        }

        if (a.IsList || b.IsList)
        {
            return a.IsList && b.IsList && SameShape(a.OfType!, b.OfType!);
        }

        var aIsLeaf = _schema.Find(a.Name!)!.IsLeaf;
        var bIsLeaf = _schema.Find(b.Name!)!.IsLeaf;
        return aIsLeaf || bIsLeaf ? a.Name == b.Name : true;
    }

    private void ReportShapeConflict(Microsoft.CodeAnalysis.Location location, string responseName, FieldModel first, FieldModel second) =>
        _diagnostics.Report(Diagnostics.FieldShapeConflict, location, responseName, first.Definition.Type.ToString(), second.Definition.Type.ToString());

    /// <summary>Two fragments that both apply to one object type may not select the same object field differently.</summary>
    private void CheckOverlappingConditions(OperationScope scope, SchemaType parent, List<ConditionModel> conditions, List<FieldCollector> collectors)
    {
        if (conditions.Count < 2)
        {
            return;
        }

        foreach (var possible in _schema.PossibleTypes(parent.Name))
        {
            var seen = new Dictionary<string, FieldModel>();
            for (var i = 0; i < conditions.Count; i++)
            {
                if (!_schema.IsSubtypeOf(possible.Name, conditions[i].TypeName))
                {
                    continue;
                }

                foreach (var field in conditions[i].Fields)
                {
                    if (seen.TryGetValue(field.ResponseName, out var other)
                        && (field.Selection is not null || other.Selection is not null || !field.Type.SameAs(other.Type)))
                    {
                        _diagnostics.Report(
                            Diagnostics.Unsupported,
                            collectors[i].LocationOf(field.ResponseName, scope.File),
                            "'" + field.ResponseName + "' is selected in two fragments that both apply to '" + possible.Name
                            + "' with different selections; the typed client needs it selected in one place");
                    }

                    seen[field.ResponseName] = field;
                }
            }
        }
    }

    private static List<LocatedSelection> Located(IEnumerable<ASTNode> selections, SourceFile file) =>
        selections.Select(s => new LocatedSelection(s, file)).ToList();

    private void Collect(OperationScope scope, List<LocatedSelection> selections, SchemaType parent, FieldCollector bucket, List<FieldCollector> conditions, Stack<string> spreadPath)
    {
        foreach (var located in selections)
        {
            var file = located.File;
            switch (located.Node)
            {
                case GraphQLField field:
                    CollectField(scope, file, field, bucket);
                    break;
                case GraphQLInlineFragment inline:
                {
                    CheckDirectives(scope, file, inline.Directives);
                    var conditionName = inline.TypeCondition?.Type.Name.StringValue ?? bucket.Type.Name;
                    if (Target(file, inline.TypeCondition?.Type ?? (ASTNode)inline, conditionName, parent, bucket, conditions) is { } target)
                    {
                        Collect(scope, Located(inline.SelectionSet.Selections, file), parent, target.Bucket, conditions, spreadPath);
                    }

                    break;
                }

                case GraphQLFragmentSpread spread:
                {
                    CheckDirectives(scope, file, spread.Directives);
                    var fragmentName = spread.FragmentName.Name.StringValue;
                    if (!_fragments.TryGet(fragmentName, out var fragment, out var fragmentFile))
                    {
                        _diagnostics.Report(Diagnostics.UnknownFragment, file.LocationOf(spread.FragmentName), fragmentName);
                        break;
                    }

                    if (spreadPath.Contains(fragmentName))
                    {
                        _diagnostics.Report(Diagnostics.FragmentCycle, file.LocationOf(spread.FragmentName), fragmentName);
                        break;
                    }

                    scope.UsedFragments.Add(fragmentName);
                    var conditionName = fragment.TypeCondition.Type.Name.StringValue;
                    if (Target(fragmentFile, fragment.TypeCondition.Type, conditionName, parent, bucket, conditions) is { } target)
                    {
                        if (FragmentInterface(fragmentName, fragment) is { } fragmentInterface && !target.Bucket.Fragments.Contains(fragmentInterface))
                        {
                            target.Bucket.Fragments.Add(fragmentInterface);
                        }

                        spreadPath.Push(fragmentName);
                        Collect(scope, Located(fragment.SelectionSet.Selections, fragmentFile), parent, target.Bucket, conditions, spreadPath);
                        spreadPath.Pop();
                    }

                    break;
                }
            }
        }
    }

    /// <summary>The interface of a fragment of plain scalar and enum fields; null for any other fragment.</summary>
    private FragmentInterfaceModel? FragmentInterface(string name, GraphQLFragmentDefinition fragment)
    {
        if (_fragmentInterfaces.TryGetValue(name, out var known))
        {
            return known;
        }

        var type = _schema.Find(fragment.TypeCondition.Type.Name.StringValue);
        var fields = new List<FieldModel>();
        foreach (var selection in fragment.SelectionSet.Selections)
        {
            if (type is null || selection is not GraphQLField { SelectionSet: null, Directives: null } field)
            {
                fields = null;
                break;
            }

            if (field.Name.StringValue == "__typename")
            {
                continue;
            }

            var definition = type.FindField(field.Name.StringValue);
            var responseName = field.Alias?.Name.StringValue ?? field.Name.StringValue;
            if (definition is null || _schema.Find(definition.Type.NamedType)?.IsLeaf != true || fields.Any(f => f.ResponseName == responseName))
            {
                fields = null;
                break;
            }

            fields.Add(new FieldModel(responseName, definition, definition.Type, null));
        }

        var model = fields is { Count: > 0 } ? new FragmentInterfaceModel(name, type!.Name, fields) : null;
        _fragmentInterfaces[name] = model;
        return model;
    }

    /// <summary>Where a fragment's fields go: the current bucket when it always applies, else a bucket for its type.</summary>
    private BucketTarget? Target(SourceFile file, ASTNode conditionNode, string conditionName, SchemaType parent, FieldCollector bucket, List<FieldCollector> conditions)
    {
        var conditionType = _schema.Find(conditionName);
        if (conditionType is null)
        {
            _diagnostics.Report(Diagnostics.UnknownType, file.LocationOf(conditionNode), conditionName);
            return null;
        }

        if (!conditionType.IsComposite)
        {
            _diagnostics.Report(Diagnostics.SelectionSetMismatch, file.LocationOf(conditionNode), "A fragment needs an object, interface or union type; '" + conditionName + "' is not one");
            return null;
        }

        if (_schema.IsSubtypeOf(bucket.Type.Name, conditionName))
        {
            return new BucketTarget(bucket);
        }

        if (!_schema.Overlaps(conditionName, bucket.Type.Name))
        {
            _diagnostics.Report(Diagnostics.ImpossibleFragment, file.LocationOf(conditionNode), conditionName, bucket.Type.Name);
            return null;
        }

        var existing = conditions.FirstOrDefault(c => c.Type.Name == conditionName);
        if (existing is null)
        {
            existing = new FieldCollector(conditionType);
            conditions.Add(existing);
        }

        return new BucketTarget(existing);
    }

    private void CollectField(OperationScope scope, SourceFile file, GraphQLField field, FieldCollector bucket)
    {
        var fieldName = field.Name.StringValue;
        if (fieldName == "__typename")
        {
            // The client asks for __typename itself where it needs it; it is not a property.
            return;
        }

        var definition = bucket.Type.FindField(fieldName);
        if (definition is null)
        {
            _diagnostics.Report(Diagnostics.UnknownField, file.LocationOf(field.Name), bucket.Type.Name, fieldName);
            return;
        }

        CheckArguments(scope, file, field, bucket.Type.Name + "." + fieldName, definition);
        var fieldType = _schema.Find(definition.Type.NamedType)!;
        if (fieldType.IsComposite && field.SelectionSet is null)
        {
            _diagnostics.Report(Diagnostics.SelectionSetMismatch, file.LocationOf(field.Name), "The field '" + fieldName + "' of type '" + definition.Type + "' needs a selection set ({ ... })");
            return;
        }

        if (fieldType.IsLeaf && field.SelectionSet is not null)
        {
            _diagnostics.Report(Diagnostics.SelectionSetMismatch, file.LocationOf(field.SelectionSet), "The field '" + fieldName + "' of type '" + definition.Type + "' is a leaf and takes no selection set");
            return;
        }

        var responseName = field.Alias?.Name.StringValue ?? fieldName;
        CheckDirectives(scope, file, field.Directives);
        var conditional = field.Directives?.Items.Any(d => d.Name.StringValue is "include" or "skip") == true;
        if (!bucket.Add(responseName, definition, field, file, conditional))
        {
            _diagnostics.Report(Diagnostics.SelectionSetMismatch, file.LocationOf(field.Alias ?? (ASTNode)field.Name), "'" + responseName + "' names two different fields; give one an alias");
        }
    }

    /// <summary>@include/@skip take <c>if: Boolean!</c>; other directives are passed through, their variables count as used.</summary>
    private void CheckDirectives(OperationScope scope, SourceFile file, GraphQLDirectives? directives)
    {
        foreach (var directive in directives?.Items ?? new List<GraphQLDirective>())
        {
            var directiveName = directive.Name.StringValue;
            var checker = new ValueChecker(_schema, _diagnostics, scope, file);
            foreach (var argument in directive.Arguments?.Items ?? new List<GraphQLArgument>())
            {
                if (directiveName is "include" or "skip" && argument.Name.StringValue == "if")
                {
                    checker.Check(argument.Value, TypeRef.NonNull(TypeRef.Named("Boolean")), "The argument 'if' of @" + directiveName, locationHasDefault: false);
                }
                else
                {
                    checker.MarkVariablesUsed(argument.Value);
                }
            }
        }
    }

    private void CheckArguments(OperationScope scope, SourceFile file, GraphQLField field, string fieldPath, FieldDefinition definition)
    {
        var given = field.Arguments?.Items ?? new List<GraphQLArgument>();
        foreach (var argument in given)
        {
            var argumentName = argument.Name.StringValue;
            var argumentDefinition = definition.Arguments.FirstOrDefault(a => a.Name == argumentName);
            if (argumentDefinition is null)
            {
                _diagnostics.Report(Diagnostics.UnknownArgument, file.LocationOf(argument.Name), fieldPath, argumentName);
                continue;
            }

            new ValueChecker(_schema, _diagnostics, scope, file)
                .Check(argument.Value, argumentDefinition.Type, "The argument '" + argumentName + "' of '" + fieldPath + "'", argumentDefinition.HasDefault);
        }

        foreach (var required in definition.Arguments.Where(a => a.IsRequired))
        {
            if (!given.Any(a => a.Name.StringValue == required.Name))
            {
                _diagnostics.Report(Diagnostics.MissingRequiredArgument, file.LocationOf(field.Name), fieldPath, required.Name, required.Type.ToString());
            }
        }
    }

    private sealed class BucketTarget
    {
        public BucketTarget(FieldCollector bucket) => Bucket = bucket;

        public FieldCollector Bucket { get; }
    }

    /// <summary>The fields of one bucket by response name, in first-seen order, with all their sub-selections.</summary>
    private sealed class FieldCollector
    {
        private readonly List<Entry> _entries = new();

        public FieldCollector(SchemaType type) => Type = type;

        public SchemaType Type { get; }

        public List<FragmentInterfaceModel> Fragments { get; } = new();

        public bool Add(string responseName, FieldDefinition definition, GraphQLField field, SourceFile file, bool conditional)
        {
            var entry = _entries.FirstOrDefault(e => e.ResponseName == responseName);
            if (entry is null)
            {
                entry = new Entry(responseName, definition, field, file);
                _entries.Add(entry);
            }
            else if (entry.Definition.Name != definition.Name)
            {
                return false;
            }

            entry.Conditional |= conditional;
            if (field.SelectionSet is not null)
            {
                entry.Selections.AddRange(Located(field.SelectionSet.Selections, file));
            }

            return true;
        }

        public Microsoft.CodeAnalysis.Location LocationOf(string responseName, SourceFile fallback)
        {
            var entry = _entries.FirstOrDefault(e => e.ResponseName == responseName);
            return entry is null ? fallback.LocationOf(null) : entry.File.LocationOf(entry.Field.Name);
        }

        public List<FieldModel> Build(OperationAnalyzer analyzer, OperationScope scope)
        {
            var fields = new List<FieldModel>();
            foreach (var entry in _entries)
            {
                var type = entry.Conditional ? entry.Definition.Type.Nullable : entry.Definition.Type;
                var fieldType = analyzer._schema.Find(type.NamedType)!;
                var selection = fieldType.IsComposite
                    ? analyzer.AnalyzeSelectionSet(scope, entry.Selections, fieldType)
                    : null;
                fields.Add(new FieldModel(entry.ResponseName, entry.Definition, type, selection));
            }

            return fields;
        }

        private sealed class Entry
        {
            public Entry(string responseName, FieldDefinition definition, GraphQLField field, SourceFile file)
            {
                ResponseName = responseName;
                Definition = definition;
                Field = field;
                File = file;
            }

            public string ResponseName { get; }

            public FieldDefinition Definition { get; }

            public GraphQLField Field { get; }

            public SourceFile File { get; }

            public bool Conditional { get; set; }

            public List<LocatedSelection> Selections { get; } = new();
        }
    }
}

/// <summary>A selection and the file it is written in (fragments may live in other files).</summary>
internal sealed record LocatedSelection(ASTNode Node, SourceFile File);

/// <summary>What one operation declares and uses while it is analysed.</summary>
internal sealed class OperationScope
{
    public OperationScope(string operationName, SourceFile file)
    {
        OperationName = operationName;
        File = file;
    }

    public string OperationName { get; }

    public SourceFile File { get; }

    public List<VariableModel> Variables { get; } = new();

    /// <summary>Variables whose declaration was already reported as wrong: their uses are not reported again.</summary>
    public HashSet<string> InvalidVariables { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Variables the operation (or a fragment it spreads) refers to.</summary>
    public HashSet<string> UsedVariables { get; } = new(System.StringComparer.Ordinal);

    public SortedSet<string> UsedFragments { get; } = new(System.StringComparer.Ordinal);
}
