using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Documents;
using SmartCityGraph.GraphQL.PersistedDocuments;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// GET must not change state (spec): the document of a GET request, found before anything runs (a persisted document's
/// too; from the validated-document cache, else parsed with the configured, size-limited document builder), and whether
/// the operation it selects is a mutation. Shared by the plain HTTP and the event-stream handlers.
/// </summary>
internal static class GetRequestDocument
{
    /// <summary>The parsed document (null when there is none or it does not parse) and whether it selects a mutation.</summary>
    public static (GraphQLDocument? Document, bool IsMutation) Read(IServiceProvider services, string? query, string? documentId, string? operationName)
    {
        var text = PersistedDocumentStore.TextOf(services, query, documentId);
        var document = text is null ? null
            : services.GetService<ValidatedDocumentCache>() is { } cache && cache.TryGet(text, out var cached) ? cached
            : TryParse(services, text);
        return (document, document is not null && GraphQLOperationKind.Of(document, operationName) == OperationType.Mutation);
    }

    private static GraphQLDocument? TryParse(IServiceProvider services, string text)
    {
        var builder = services.GetService<IDocumentBuilder>() ?? new GraphQLDocumentBuilder();
        try
        {
            return builder.Build(text);
        }
        catch (Exception exception) when (exception is global::GraphQL.ExecutionError or GraphQLParser.Exceptions.GraphQLParserException)
        {
            return null; // execution reports the syntax error (or the size limit) in its own words
        }
    }
}
