using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;

namespace SmartCityGraph.GraphQL.Documents;

/// <summary>
/// Serves repeated documents from <see cref="ValidatedDocumentCache"/> (a step of GraphQL.NET's execution
/// pipeline): on a hit the parse is skipped and, of the validation rules, only
/// <see cref="ExecutionOptions.CachedDocumentValidationRules"/> run — the rules whose outcome depends on more than
/// the document (the variables, the user), which register themselves there, as the cost limit does. Variables are
/// still coerced and checked on every request. After a miss, a document that validated is added.
/// </summary>
/// <remarks>
/// <see cref="ExecutionOptions.Document"/> may already be set when the transport parsed the text itself (a GET,
/// to refuse a mutation before anything runs); it must then be the parse of <see cref="ExecutionOptions.Query"/>,
/// which stays the key.
/// </remarks>
public sealed class DocumentCacheExecution(ValidatedDocumentCache cache) : IConfigureExecution
{
    /// <summary>
    /// After the persisted-document handler (200), which turns a <c>documentId</c> into <see cref="ExecutionOptions.Query"/>:
    /// so a typed client's request by id is served from the cache like one that sends the text.
    /// </summary>
    public float SortOrder => 250;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } text)
            return await next(options).ConfigureAwait(false);

        if (cache.TryGet(text, out var document))
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options).ConfigureAwait(false);
        }

        var result = await next(options).ConfigureAwait(false);
        if (result.Executed && result.Document is { } validated) // Executed: it passed validation
            cache.Add(text, validated);
        return result;
    }
}
