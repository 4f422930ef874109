using System.Collections.Generic;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Documents;

namespace SmartCityGraph.Client.Generator.Analysis;

/// <summary>The named fragments of all documents: any operation may spread any of them.</summary>
internal sealed class FragmentIndex
{
    private readonly Dictionary<string, (GraphQLFragmentDefinition Definition, SourceFile File)> _fragments = new();

    public static FragmentIndex Build(IEnumerable<ParsedDocument> documents, DiagnosticSink diagnostics)
    {
        var index = new FragmentIndex();
        foreach (var document in documents)
        {
            foreach (var definition in document.Document.Definitions)
            {
                if (definition is not GraphQLFragmentDefinition fragment)
                {
                    continue;
                }

                var name = fragment.FragmentName.Name.StringValue;
                if (index._fragments.TryGetValue(name, out var first))
                {
                    diagnostics.Report(Diagnostics.DuplicateFragmentName, document.File.LocationOf(fragment.FragmentName), name, Describe(first.File, first.Definition));
                    continue;
                }

                index._fragments[name] = (fragment, document.File);
            }
        }

        return index;
    }

    public bool TryGet(string name, out GraphQLFragmentDefinition definition, out SourceFile file)
    {
        if (_fragments.TryGetValue(name, out var entry))
        {
            definition = entry.Definition;
            file = entry.File;
            return true;
        }

        definition = null!;
        file = null!;
        return false;
    }

    public static string Describe(SourceFile file, ASTNode node)
    {
        var span = file.LocationOf(node).GetLineSpan();
        return System.IO.Path.GetFileName(file.Path) + " line " + (span.StartLinePosition.Line + 1);
    }
}
