using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace SmartCityGraph.GraphQL.Execution;

/// <summary>
/// GraphQL.NET's serial execution, collecting the fields an object answers from a selection set once per object type
/// instead of once per object.
/// </summary>
/// <remarks>
/// For every object of every list, <see cref="ExecutionStrategy"/> walks the selection set again: it looks each field's
/// definition up by name, follows fragments and checks their type conditions, and fills a dictionary by response key (a
/// page of 100 events with 3 fields each walks 100 times). What it finds depends on the selection set and the object's
/// type alone, unless a directive (<c>@skip</c>, <c>@include</c>) decides with the request's variables, or two selections
/// share a response key (GraphQL.NET then merges them into a new node per request). Such selection sets are collected per
/// object, as before; the others once, kept as long as their document is (a cached document lives in
/// <see cref="Documents.ValidatedDocumentCache"/>).
/// </remarks>
public class KnownFieldsExecutionStrategy : SerialExecutionStrategy
{
    /// <summary>Per selection set, per object type: its fields in response order, or null when they depend on the request.</summary>
    private static readonly ConditionalWeakTable<GraphQLSelectionSet, ConcurrentDictionary<IGraphType, (GraphQLField Field, FieldType Definition)[]?>> Known = new();

    protected override void SetSubFieldNodes(ExecutionContext context, ObjectExecutionNode parent)
    {
        if (parent.SelectionSet is not { } selectionSet)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }
        var type = parent.GetObjectGraphType(context.Schema) ?? parent.GraphType;
        var byType = Known.GetValue(selectionSet, _ => new());
        if (!byType.TryGetValue(type, out var fields))
            fields = byType.GetOrAdd(type, CollectOnce(context, type, selectionSet));
        if (fields is null)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }

        var nodes = new ExecutionNode[fields.Length];
        for (var i = 0; i < fields.Length; i++)
            nodes[i] = BuildExecutionNode(parent, fields[i].Definition.ResolvedType!, fields[i].Field, fields[i].Definition);
        parent.SubFields = nodes;
    }

    /// <summary>The fields as GraphQL.NET collects them, or null if the collection depends on the request.</summary>
    private (GraphQLField, FieldType)[]? CollectOnce(ExecutionContext context, IGraphType type, GraphQLSelectionSet selectionSet)
    {
        var fieldsInDocument = new HashSet<GraphQLField>();
        if (!IndependentOfRequest(context.Document, selectionSet, fieldsInDocument, []))
            return null;
        var collected = CollectFieldsFrom(context, type, selectionSet, null);
        var fields = new (GraphQLField, FieldType)[collected.Count];
        var i = 0;
        foreach (var (field, definition) in collected.Values)
        {
            if (!fieldsInDocument.Contains(field))
                return null; // a merge of two selections under one response key: a node made for this request
            fields[i++] = (field, definition);
        }
        return fields;
    }

    /// <summary>No directive anywhere in the selection set or the fragments it reaches; gathers the fields it holds.</summary>
    private static bool IndependentOfRequest(GraphQLDocument document, GraphQLSelectionSet? selectionSet, HashSet<GraphQLField> fields, HashSet<GraphQLFragmentDefinition> fragments)
    {
        foreach (var selection in selectionSet?.Selections ?? [])
        {
            if (selection is IHasDirectivesNode { Directives.Count: > 0 })
                return false;
            switch (selection)
            {
                case GraphQLField field:
                    fields.Add(field);
                    break;
                case GraphQLInlineFragment inline when !IndependentOfRequest(document, inline.SelectionSet, fields, fragments):
                    return false;
                case GraphQLFragmentSpread spread:
                    if (document.FindFragmentDefinition(spread.FragmentName.Name.Value) is not { } fragment)
                        return false;
                    if (fragment.Directives is { Count: > 0 })
                        return false;
                    if (fragments.Add(fragment) && !IndependentOfRequest(document, fragment.SelectionSet, fields, fragments))
                        return false;
                    break;
            }
        }
        return true;
    }
}
