using GraphQLParser;
using GraphQLParser.Exceptions;

namespace SmartCityGraph.GraphQL.Telemetry;

/// <summary>
/// The type and name of the operation a document would run, read from its tokens without parsing it - for telemetry on
/// requests refused before execution, whose parsed document GraphQL.NET does not keep.
/// </summary>
public static class OperationHeader
{
    /// <summary>Tokens read at most: the operation's header comes first in any sensible document.</summary>
    private const int MaxTokens = 2_000;

    /// <summary>
    /// ("query"|"mutation"|"subscription", name) of the operation named <paramref name="operationName"/>, else of the first
    /// operation; ("query", "(anonymous)") for a shorthand query; ("none", "(unparsed)") when nothing fits.
    /// </summary>
    public static (string Type, string Name) Of(string? text, string? operationName)
    {
        if (string.IsNullOrEmpty(text))
            return ("none", operationName ?? "(unparsed)");
        var source = new ROM(text.AsMemory());
        var depth = 0;
        var position = 0;
        string? pendingType = null;
        try
        {
            for (var i = 0; i < MaxTokens; i++)
            {
                var token = Lexer.Lex(source, position);
                position = token.End;
                switch (token.Kind)
                {
                    case TokenKind.EOF:
                        return ("none", operationName ?? "(unparsed)");
                    case TokenKind.BRACE_L when depth == 0 && operationName is null:
                        return (pendingType ?? "query", "(anonymous)");
                    case TokenKind.BRACE_L:
                        depth++;
                        break;
                    case TokenKind.BRACE_R:
                        depth--;
                        break;
                    case TokenKind.NAME when depth == 0 && pendingType is not null:
                        var name = token.Value.ToString();
                        if (operationName is null || name == operationName)
                            return (pendingType, name);
                        pendingType = null;
                        break;
                    case TokenKind.NAME when depth == 0 && token.Value.Span is "query" or "mutation" or "subscription":
                        pendingType = token.Value.ToString();
                        break;
                    default:
                        if (depth == 0 && token.Kind != TokenKind.COMMENT) pendingType = null;
                        break;
                }
            }
        }
        catch (GraphQLSyntaxErrorException)
        {
        }
        return ("none", operationName ?? "(unparsed)");
    }
}
