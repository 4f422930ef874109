namespace SmartCityGraph.GraphQL.PersistedDocuments;

/// <summary>Configuration section <c>Security</c>: what anonymous callers may run.</summary>
public sealed class TrustedDocumentOptions
{
    /// <summary>
    /// When true, anonymous callers may run only persisted documents (<c>{"documentId": "sha256:…"}</c>); any other
    /// document is refused with <c>PERSISTED_DOCUMENT_REQUIRED</c>. Signed-in callers (a valid bearer token) may still
    /// send any document.
    /// </summary>
    public bool TrustedDocumentsOnly { get; set; }
}
