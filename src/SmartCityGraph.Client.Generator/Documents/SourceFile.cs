using System.Collections.Generic;
using GraphQLParser.AST;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SmartCityGraph.Client.Generator.Documents;

/// <summary>
/// A .graphql file given to the generator (path and text); value-equal so the incremental pipeline
/// can tell an unchanged file from a changed one.
/// </summary>
internal sealed record SourceFile(string Path, string Text)
{
    private int[]? _lineStarts;

    public bool IsSchema => System.IO.Path.GetFileName(Path).Equals("schema.graphql", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>A Roslyn location (file, line, column) for a node; the file's start for none.</summary>
    public Location LocationOf(ASTNode? node)
    {
        var start = node?.Location.Start ?? 0;
        var end = node?.Location.End ?? 0;
        return LocationOf(start, end);
    }

    public Location LocationOf(int start, int end)
    {
        start = System.Math.Max(0, System.Math.Min(start, Text.Length));
        end = System.Math.Max(start, System.Math.Min(end, Text.Length));
        return Location.Create(Path, new TextSpan(start, end - start), new LinePositionSpan(PositionOf(start), PositionOf(end)));
    }

    /// <summary>A location for a 1-based line and column, as GraphQL-Parser reports syntax errors.</summary>
    public Location LocationOfLineColumn(int line, int column)
    {
        var lineStarts = LineStarts();
        var lineIndex = System.Math.Max(0, System.Math.Min(line - 1, lineStarts.Length - 1));
        var offset = System.Math.Min(Text.Length, lineStarts[lineIndex] + System.Math.Max(0, column - 1));
        return LocationOf(offset, offset);
    }

    private LinePosition PositionOf(int offset)
    {
        var lineStarts = LineStarts();
        var line = System.Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - lineStarts[line]);
    }

    private int[] LineStarts()
    {
        if (_lineStarts is null)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < Text.Length; i++)
            {
                if (Text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = starts.ToArray();
        }

        return _lineStarts;
    }

    public bool Equals(SourceFile? other) => other is not null && Path == other.Path && Text == other.Text;

    public override int GetHashCode() => Path.GetHashCode() ^ Text.GetHashCode();
}

/// <summary>A file and its syntax tree.</summary>
internal sealed class ParsedDocument
{
    public ParsedDocument(SourceFile file, GraphQLDocument document)
    {
        File = file;
        Document = document;
    }

    public SourceFile File { get; }

    public GraphQLDocument Document { get; }
}
