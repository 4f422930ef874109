using GraphQL.Execution;
using GraphQLParser.AST;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Limits;

/// <summary>
/// GraphQL.NET's document builder behind the document limits: counts tokens before parsing and fields before
/// validation, and refuses an oversized document with <c>GRAPHQL_DOCUMENT_TOO_LARGE</c>. It is the
/// <see cref="IDocumentBuilder"/> of the whole server, so every transport and every uncached document passes
/// through it (a document cache keyed by the text may skip it: the text was checked when it was cached).
/// </summary>
public sealed class LimitedDocumentBuilder(DocumentLimitOptions limits) : IDocumentBuilder
{
    /// <summary>Longest number literal accepted: any Int or Float value fits in far fewer characters.</summary>
    public const int MaxNumberLength = 100;

    private readonly GraphQLDocumentBuilder _parser = new();

    public DocumentLimitOptions Limits => limits;

    public GraphQLDocument Build(string body)
    {
        var tokens = DocumentSize.CountTokens(body, stopAfter: limits.MaxTokens, out var longestNumber, out var invalidUnicode);
        if (tokens > limits.MaxTokens)
            throw TooLarge($"The document has more than {limits.MaxTokens} tokens; split it into smaller requests.");
        // No Int or Float of the schema needs more; converting a 500,000-digit literal takes a second.
        if (longestNumber > MaxNumberLength)
            throw TooLarge($"A number in the document has {longestNumber} characters; at most {MaxNumberLength} are allowed.");

        // SQLite, the JSON writer and error messages all fail on such a string.
        if (invalidUnicode || Http.GraphQLHttpRequestReader.HasLoneSurrogate(body))
            throw new GraphQLRequestException(ErrorCodes.ParseFailed, "The document holds a string that is not valid Unicode (half a surrogate pair).");

        var document = _parser.Build(body);

        var fields = DocumentSize.CountFields(document, out var hasFragmentCycle);
        if (fields > limits.MaxFields)
            throw TooLarge($"The document selects {(fields == long.MaxValue ? "too many" : fields.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} fields (fragments counted where they are spread); at most {limits.MaxFields} are allowed.");

        if (hasFragmentCycle)
            return document; // validation refuses it, cheaply; expanding the cycle here would not end

        var ((name, repeats), spreads) = DocumentSize.Widest(document);
        if (repeats > limits.MaxFieldRepeats)
            throw TooLarge($"The document selects '{name}' {repeats} times in one selection set (fragments and same-named parents included); at most {limits.MaxFieldRepeats} fields may share a response name.");
        if (spreads > limits.MaxFragmentSpreads)
            throw TooLarge($"The document spreads {spreads} fragments into one selection set (spreads inside them included); at most {limits.MaxFragmentSpreads} are allowed.");
        return document;
    }

    private static GraphQLRequestException TooLarge(string message) => new(ErrorCodes.DocumentTooLarge, message);
}
