using GraphQL;
using GraphQL.DI;
using GraphQL.PersistedDocuments;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.PersistedDocuments;

/// <summary>
/// The trusted-documents policy around GraphQL.NET's persisted-document handler (the draft GraphQL-over-HTTP appendix)
/// over <see cref="PersistedDocumentStore"/>: with <see cref="TrustedDocumentOptions.TrustedDocumentsOnly"/>, a request
/// without a <c>documentId</c> runs only for a signed-in caller; refusals carry the contract's codes. It is part of
/// execution, so it applies to every transport.
/// </summary>
public sealed class TrustedDocumentHandler(PersistedDocumentStore store, TrustedDocumentOptions trusted) : IConfigureExecution
{
    private readonly StoreHandler _persisted = new(store);

    public float SortOrder => _persisted.SortOrder;

    public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (trusted.TrustedDocumentsOnly && options.DocumentId is null && options.User?.Identity?.IsAuthenticated != true)
        {
            return Task.FromResult(Refusal(new GraphQLRequestException(ErrorCodes.PersistedDocumentRequired,
                "This server runs only its trusted (persisted) documents for anonymous callers: send {\"documentId\": \"sha256:…\"} of a known operation, or sign in.")));
        }
        return _persisted.ExecuteAsync(options, next);
    }

    private static ExecutionResult Refusal(ExecutionError error) => new(error) { Executed = false };

    private sealed class StoreHandler(PersistedDocumentStore store) : PersistedDocumentHandler(new PersistedDocumentOptions
    {
        AllowOnlyPersistedDocuments = false, // decided above, per caller
        GetQueryDelegate = (_, _, payload) => new ValueTask<string?>(store.TryGet(PersistedDocumentStore.Prefix + payload, out var document) ? document : null),
    })
    {
        protected override ExecutionResult CreateExecutionResult(ExecutionError error) => Refusal(error switch
        {
            DocumentNotFoundError => new GraphQLRequestException(ErrorCodes.PersistedDocumentNotFound,
                "The server has no persisted document with this documentId."),
            DocumentIdInvalidError => new GraphQLRequestException(ErrorCodes.PersistedDocumentNotFound,
                "The documentId is not of the form sha256:<64 lower-case hex digits>, so no persisted document has it."),
            InvalidRequestError => new GraphQLRequestException(ErrorCodes.BadRequest,
                "Send either a 'query' or a 'documentId', not both."),
            _ => error,
        });
    }
}
