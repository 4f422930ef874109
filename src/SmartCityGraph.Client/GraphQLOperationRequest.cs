using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>One operation to send: its name, its document and (when it has any) the writer of its variables.</summary>
/// <param name="OperationName">The operation's name, sent as <c>operationName</c>.</param>
/// <param name="Document">The GraphQL document, sent as <c>query</c>.</param>
/// <param name="WriteVariables">Writes the properties of the <c>variables</c> object; null for none.</param>
public sealed record GraphQLOperationRequest(string OperationName, string Document, Action<Utf8JsonWriter>? WriteVariables)
{
    /// <summary>The document's persisted-document id (<c>sha256:&lt;hex&gt;</c>), sent instead of the document when the server knows it.</summary>
    public string? DocumentId { get; init; }

    /// <summary>The persisted-document id of <paramref name="document"/>: <c>sha256:</c> and the hex SHA-256 of its UTF-8 text.</summary>
    public static string DocumentIdOf(string document) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document)));

    /// <summary>The request as the GraphQL-over-HTTP JSON body, with the document or (<paramref name="byId"/>) its id.</summary>
    public byte[] ToJsonBody(bool byId = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (byId && DocumentId is not null)
                writer.WriteString("documentId", DocumentId);
            else
                writer.WriteString("query", Document);
            writer.WriteString("operationName", OperationName);
            if (WriteVariables is not null)
            {
                writer.WritePropertyName("variables");
                writer.WriteStartObject();
                WriteVariables(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
