using System.Text.Json;

namespace SmartCityGraph.Client;

/// <summary>One operation to send: its name, its document and (when it has any) the writer of its variables.</summary>
/// <param name="OperationName">The operation's name, sent as <c>operationName</c>.</param>
/// <param name="Document">The GraphQL document, sent as <c>query</c>.</param>
/// <param name="WriteVariables">Writes the properties of the <c>variables</c> object; null for none.</param>
public sealed record GraphQLOperationRequest(string OperationName, string Document, Action<Utf8JsonWriter>? WriteVariables)
{
    /// <summary>The request as the GraphQL-over-HTTP JSON body.</summary>
    public byte[] ToJsonBody()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
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
