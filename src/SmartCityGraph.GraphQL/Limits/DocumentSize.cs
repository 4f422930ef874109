using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace SmartCityGraph.GraphQL.Limits;

/// <summary>The two measures of <see cref="DocumentLimitOptions"/>, each linear in the document's length.</summary>
public static class DocumentSize
{
    /// <summary>
    /// The number of tokens in <paramref name="text"/>, counting no further than <paramref name="stopAfter"/>
    /// (so a huge document costs no more than a small one). A lexical error ends the count: the parser reports it.
    /// </summary>
    public static int CountTokens(string text, int stopAfter) => CountTokens(text, stopAfter, out _, out _);

    /// <inheritdoc cref="CountTokens(string, int)"/>
    /// <param name="longestNumber">The length of the longest number literal counted.</param>
    /// <param name="invalidUnicode">Whether a string counted holds half a surrogate pair (<c>"\ud800"</c>), which no text has.</param>
    public static int CountTokens(string text, int stopAfter, out int longestNumber, out bool invalidUnicode)
    {
        longestNumber = 0;
        invalidUnicode = false;
        var source = new ROM(text.AsMemory());
        var count = 0;
        var position = 0;
        try
        {
            while (count <= stopAfter)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                    break;
                if (token.Kind != TokenKind.COMMENT)
                    count++;
                if (token.Kind is TokenKind.INT or TokenKind.FLOAT)
                    longestNumber = Math.Max(longestNumber, token.End - token.Start);
                else if (token.Kind == TokenKind.STRING && Http.GraphQLHttpRequestReader.HasLoneSurrogate(token.Value.Span))
                    invalidUnicode = true;
                position = token.End;
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
        }
        return count;
    }

    /// <summary>
    /// The number of fields the operations of <paramref name="document"/> select, a fragment counted at every
    /// spread (memoised, so the count itself stays linear). A fragment spread inside itself counts once; that
    /// cycle is a validation error anyway. Saturates at <see cref="long.MaxValue"/>.
    /// </summary>
    public static long CountFields(GraphQLDocument document) => CountFields(document, out _);

    /// <inheritdoc cref="CountFields(GraphQLDocument)"/>
    /// <param name="hasFragmentCycle">Whether a fragment is spread inside itself (directly or further down).</param>
    public static long CountFields(GraphQLDocument document, out bool hasFragmentCycle)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }

        var counter = new FieldCounter(fragments);
        long total = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
                total = Add(total, counter.Count(operation.SelectionSet));
        }
        hasFragmentCycle = counter.FoundCycle;
        return total;
    }

    /// <summary>
    /// The response name (alias, else name) selected most often in one selection set, with how often, counting what
    /// fragments and same-named parent fields merge into that set - the pairs GraphQL.NET's overlapping-fields rule
    /// compares. Call it only after <see cref="CountFields"/> has bounded the document and found no fragment cycle: it walks the
    /// expanded selections.
    /// </summary>
    public static (string? Name, int Count) MostRepeatedResponseName(GraphQLDocument document) =>
        Widest(document).MostRepeated;

    /// <summary>
    /// What meets in the widest selection sets: the most repeated response name (see
    /// <see cref="MostRepeatedResponseName"/>) and the most fragment spreads in one selection set, counting the
    /// spreads inside spread fragments.
    /// </summary>
    public static ((string? Name, int Count) MostRepeated, int MostSpreads) Widest(GraphQLDocument document)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLFragmentDefinition fragment)
                fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }

        var widest = new Widths();
        foreach (var definition in document.Definitions)
        {
            if (definition is GraphQLOperationDefinition operation)
                MostRepeated([operation.SelectionSet], fragments, depth: 0, widest);
        }
        return (widest.MostRepeated, widest.MostSpreads);
    }

    private sealed class Widths
    {
        public (string? Name, int Count) MostRepeated;
        public int MostSpreads;
    }

    /// <summary>Deeper than any document the parser accepts: only a fragment cycle gets here, which validation refuses.</summary>
    private const int MaxMergeDepth = 128;

    private static void MostRepeated(List<GraphQLSelectionSet> mergedSets, Dictionary<string, GraphQLFragmentDefinition> fragments, int depth, Widths widest)
    {
        if (depth > MaxMergeDepth)
            return;
        var groups = new Dictionary<string, List<GraphQLField>>();
        var spreads = 0;
        foreach (var set in mergedSets)
            spreads += Collect(set, fragments, groups, []);
        widest.MostSpreads = Math.Max(widest.MostSpreads, spreads);
        foreach (var (name, fields) in groups)
        {
            if (fields.Count > widest.MostRepeated.Count)
                widest.MostRepeated = (name, fields.Count);
            var children = new List<GraphQLSelectionSet>();
            foreach (var field in fields)
            {
                if (field.SelectionSet is { } set)
                    children.Add(set);
            }
            if (children.Count > 0)
                MostRepeated(children, fragments, depth + 1, widest);
        }
    }

    /// <summary>Groups the fields of <paramref name="set"/> (fragments expanded) by response name; returns the number of spreads met.</summary>
    private static int Collect(GraphQLSelectionSet set, Dictionary<string, GraphQLFragmentDefinition> fragments, Dictionary<string, List<GraphQLField>> groups, HashSet<string> spreading)
    {
        var spreads = 0;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    var name = (field.Alias?.Name ?? field.Name).StringValue;
                    if (!groups.TryGetValue(name, out var group))
                        groups[name] = group = [];
                    group.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    spreads += Collect(inline.SelectionSet, fragments, groups, spreading);
                    break;
                case GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                                                       && spreading.Add(spread.FragmentName.Name.StringValue):
                    spreads += 1 + Collect(fragment.SelectionSet, fragments, groups, spreading);
                    spreading.Remove(spread.FragmentName.Name.StringValue);
                    break;
            }
        }
        return spreads;
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private sealed class FieldCounter(Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        private readonly Dictionary<string, long> _fragmentCounts = new();
        private readonly HashSet<string> _inProgress = new();

        public bool FoundCycle { get; private set; }

        public long Count(GraphQLSelectionSet? selectionSet)
        {
            if (selectionSet is null)
                return 0;
            long count = 0;
            foreach (var selection in selectionSet.Selections)
            {
                count = Add(count, selection switch
                {
                    GraphQLField field => Add(1, Count(field.SelectionSet)),
                    GraphQLInlineFragment inline => Count(inline.SelectionSet),
                    GraphQLFragmentSpread spread => CountFragment(spread.FragmentName.Name.StringValue),
                    _ => 0,
                });
            }
            return count;
        }

        private long CountFragment(string name)
        {
            if (_fragmentCounts.TryGetValue(name, out var known))
                return known;
            if (!fragments.TryGetValue(name, out var fragment))
                return 0; // unknown: validation refuses the document
            if (!_inProgress.Add(name))
            {
                FoundCycle = true; // validation refuses the document
                return 0;
            }
            var count = Count(fragment.SelectionSet);
            _inProgress.Remove(name);
            _fragmentCounts[name] = count;
            return count;
        }
    }
}
