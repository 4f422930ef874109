using GraphQLParser;
using GraphQLParser.Exceptions;

namespace SmartCityGraph.Client.Generator.Documents;

/// <summary>Parses a .graphql file, turning a syntax error into a located diagnostic.</summary>
internal static class DocumentParser
{
    public static ParsedDocument? Parse(SourceFile file, DiagnosticSink diagnostics)
    {
        try
        {
            // Comments are dropped, locations kept: every diagnostic points at file and line.
            var document = Parser.Parse(file.Text, new ParserOptions { Ignore = IgnoreOptions.Comments });
            return new ParsedDocument(file, document);
        }
        catch (GraphQLParserException e)
        {
            var descriptor = file.IsSchema ? Diagnostics.SchemaSyntaxError : Diagnostics.OperationSyntaxError;
            diagnostics.Report(descriptor, file.LocationOfLineColumn(e.Location.Line, e.Location.Column), e.Description);
            return null;
        }
    }
}
