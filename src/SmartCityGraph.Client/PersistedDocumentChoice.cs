using System.Collections.Concurrent;

namespace SmartCityGraph.Client;

/// <summary>
/// How an executor applies <see cref="PersistedDocumentsMode"/>, the same over HTTP and over the WebSocket: whether an
/// operation goes by its <c>documentId</c>, and the fallback of <see cref="PersistedDocumentsMode.Auto"/> (a server
/// that answers it does not know an id gets the document, then and from then on).
/// </summary>
internal sealed class PersistedDocumentChoice(PersistedDocumentsMode mode)
{
    /// <summary>Per server, the document ids it said it does not know.</summary>
    private readonly ConcurrentDictionary<(string Server, string Id), bool> _unknownIds = new();

    /// <summary>Whether <paramref name="request"/> goes to <paramref name="server"/> by its id.</summary>
    public bool SendsId(string server, GraphQLOperationRequest request) => request.DocumentId is { } id && mode switch
    {
        PersistedDocumentsMode.Always => true,
        PersistedDocumentsMode.Auto => !_unknownIds.ContainsKey((server, id)),
        _ => false,
    };

    /// <summary>
    /// After <paramref name="request"/> went by id: whether to send it again as the document (in Auto mode, when the
    /// server does not know the id); remembers that for this server and id.
    /// </summary>
    public bool FallsBack<TResult>(string server, GraphQLOperationRequest request, IOperationResult<TResult> result) where TResult : class
    {
        if (mode != PersistedDocumentsMode.Auto || !ServerDoesNotKnowTheId(result)) return false;
        _unknownIds[(server, request.DocumentId!)] = true;
        return true;
    }

    /// <summary>PERSISTED_DOCUMENT_NOT_FOUND, or an older server that reads no documentId and misses the query (BAD_REQUEST).</summary>
    private static bool ServerDoesNotKnowTheId<TResult>(IOperationResult<TResult> result) where TResult : class =>
        result.Errors is { Count: > 0 } errors
        && (errors[0].Code == "PERSISTED_DOCUMENT_NOT_FOUND" || (errors[0].Code == "BAD_REQUEST" && result.Data is null));
}
