namespace SmartCityGraph.Client;

/// <summary>
/// How operations are sent. Every generated operation has a <c>DocumentId</c> (<c>sha256:</c> + the hex SHA-256 of its
/// document), which the server knows when it loaded the manifest this client's build wrote (see the README's
/// "Trusted documents").
/// </summary>
public enum PersistedDocumentsMode
{
    /// <summary>
    /// Send the id; when the server answers that it does not know it (<c>PERSISTED_DOCUMENT_NOT_FOUND</c>, or a server that
    /// reads no ids), send the document instead and remember that for this server and id. The default.
    /// </summary>
    Auto,

    /// <summary>Send only ids (for a server with <c>Security:TrustedDocumentsOnly</c>).</summary>
    Always,

    /// <summary>Always send the whole document.</summary>
    Never,
}
