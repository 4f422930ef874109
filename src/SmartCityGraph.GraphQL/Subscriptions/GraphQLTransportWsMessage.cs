using System.Text.Json;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// One message a client sent over <c>graphql-transport-ws</c>, checked as the <c>graphql-ws</c> library
/// checks it (its <c>validateMessage</c>): a JSON object with a string <c>type</c> of the protocol, the
/// <c>id</c> and <c>payload</c> that type requires. <see cref="Payload"/> is detached from the parsed text.
/// </summary>
public sealed record GraphQLTransportWsMessage(string Type, string? Id, JsonElement? Payload)
{
    /// <summary>Reads <paramref name="utf8"/>, or returns null with the reason when it is not a valid message.</summary>
    public static GraphQLTransportWsMessage? TryParse(ReadOnlyMemory<byte> utf8, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            problem = "The message is not JSON.";
            return null;
        }

        using (document)
        {
            var message = document.RootElement;
            problem = Check(message);
            if (problem is not null)
                return null;
            var type = message.GetProperty("type").GetString()!;
            var id = message.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            JsonElement? payload = message.TryGetProperty("payload", out var payloadElement) && payloadElement.ValueKind != JsonValueKind.Null
                ? payloadElement.Clone()
                : null;
            return new GraphQLTransportWsMessage(type, id, payload);
        }
    }

    private static string? Check(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
            return "A message must be a JSON object.";
        if (!message.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() is not { Length: > 0 } name)
            return "A message needs a string 'type'.";

        switch (name)
        {
            case GraphQLTransportWs.MessageTypes.ConnectionInit:
            case GraphQLTransportWs.MessageTypes.ConnectionAck:
            case GraphQLTransportWs.MessageTypes.Ping:
            case GraphQLTransportWs.MessageTypes.Pong:
                return IsNullOrAbsentOr(message, "payload", JsonValueKind.Object) ? null : $"'{name}' takes an object 'payload' or none.";
            case GraphQLTransportWs.MessageTypes.Subscribe:
                if (!HasId(message))
                    return "'subscribe' needs a non-empty string 'id'.";
                if (!message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
                    return "'subscribe' needs an object 'payload'.";
                // The document, or a trusted document's id (as over HTTP); the execution refuses both at once.
                if (!IsNullOrAbsentOr(payload, "query", JsonValueKind.String) || !IsNullOrAbsentOr(payload, "documentId", JsonValueKind.String)
                    || !(IsString(payload, "query") || IsString(payload, "documentId")))
                    return "'subscribe' needs a string 'payload.query' (or 'payload.documentId').";
                if (!IsNullOrAbsentOr(payload, "variables", JsonValueKind.Object))
                    return "'payload.variables' must be an object or null.";
                if (!IsNullOrAbsentOr(payload, "operationName", JsonValueKind.String))
                    return "'payload.operationName' must be a string or null.";
                if (!IsNullOrAbsentOr(payload, "extensions", JsonValueKind.Object))
                    return "'payload.extensions' must be an object or null.";
                return null;
            case GraphQLTransportWs.MessageTypes.Next:
                return HasId(message) && message.TryGetProperty("payload", out var result) && result.ValueKind == JsonValueKind.Object
                    ? null : "'next' needs an 'id' and an object 'payload'.";
            case GraphQLTransportWs.MessageTypes.Error:
                return HasId(message) && message.TryGetProperty("payload", out var errors) && AreErrors(errors)
                    ? null : "'error' needs an 'id' and a list of errors.";
            case GraphQLTransportWs.MessageTypes.Complete:
                return HasId(message) ? null : "'complete' needs a non-empty string 'id'.";
            default:
                return $"'{name}' is not a message type of graphql-transport-ws.";
        }
    }

    private static bool HasId(JsonElement message) =>
        message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 };

    private static bool IsString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;

    private static bool IsNullOrAbsentOr(JsonElement parent, string name, JsonValueKind kind) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null || value.ValueKind == kind;

    private static bool AreErrors(JsonElement errors) =>
        errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
        && errors.EnumerateArray().All(error => error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out _));
}
