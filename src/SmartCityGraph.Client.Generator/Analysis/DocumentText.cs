using System.Collections.Generic;
using System.Text;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Documents;

namespace SmartCityGraph.Client.Generator.Analysis;

/// <summary>
/// The document an operation sends: its own text and the fragments it uses, each with
/// <c>__typename</c> added to every field's selection set, so the client can tell which concrete
/// type an interface value is (Strawberry Shake does the same).
/// </summary>
internal static class DocumentText
{
    public static string Build(SourceFile file, GraphQLOperationDefinition operation, IEnumerable<string> fragmentNames, FragmentIndex fragments)
    {
        var text = new StringBuilder(WithTypeNames(file, operation));
        foreach (var name in fragmentNames)
        {
            if (fragments.TryGet(name, out var fragment, out var fragmentFile))
            {
                text.Append("\n\n").Append(WithTypeNames(fragmentFile, fragment));
            }
        }

        return text.ToString().Replace("\r\n", "\n");
    }

    private static string WithTypeNames(SourceFile file, ASTNode definition)
    {
        var start = definition.Location.Start;
        var insertAfter = new List<int>();
        FindFieldSelectionSets(definition, insertAfter);
        insertAfter.Sort();

        var text = new StringBuilder();
        var position = start;
        foreach (var brace in insertAfter)
        {
            text.Append(file.Text, position, brace + 1 - position).Append(" __typename");
            position = brace + 1;
        }

        text.Append(file.Text, position, definition.Location.End - position);
        return text.ToString();
    }

    private static void FindFieldSelectionSets(ASTNode node, List<int> braces)
    {
        GraphQLSelectionSet? set = node switch
        {
            GraphQLOperationDefinition operation => operation.SelectionSet,
            GraphQLFragmentDefinition fragment => fragment.SelectionSet,
            GraphQLInlineFragment inline => inline.SelectionSet,
            GraphQLField field => field.SelectionSet,
            _ => null,
        };
        if (set is null)
        {
            return;
        }

        if (node is GraphQLField)
        {
            braces.Add(set.Location.Start);
        }

        foreach (var selection in set.Selections)
        {
            FindFieldSelectionSets(selection, braces);
        }
    }
}
