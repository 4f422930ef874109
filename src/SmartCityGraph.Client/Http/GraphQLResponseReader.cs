using System.Net;
using System.Text.Json;

namespace SmartCityGraph.Client.Http;

/// <summary>
/// Reads an HTTP answer as a GraphQL response. A JSON object with <c>data</c> or <c>errors</c> is
/// one, whatever the status (GraphQL over HTTP answers 400 for a document that does not validate);
/// anything else (an HTML error page, an empty 502) becomes an <c>HTTP_&lt;status&gt;</c> or
/// <c>INVALID_RESPONSE</c> error.
/// </summary>
public static class GraphQLResponseReader
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoExtensions = new Dictionary<string, JsonElement>();

    /// <summary>A result with no data and the one error given.</summary>
    public static IOperationResult<TResult> Failure<TResult>(IClientError error)
        where TResult : class =>
        new OperationResult<TResult>(null, new[] { error }, NoExtensions);

    /// <summary>Reads a received answer.</summary>
    public static IOperationResult<TResult> Read<TResult>(HttpStatusCode status, string? reason, string? mediaType, byte[] body, Func<JsonElement, TResult> readData)
        where TResult : class
    {
        var success = (int)status is >= 200 and < 300;
        JsonDocument? document = null;
        try
        {
            document = body.Length > 0 ? JsonDocument.Parse(body) : null;
        }
        catch (JsonException)
        {
        }

        using (document)
        {
            if (document is null || !IsGraphQLResponse(document.RootElement))
            {
                var what = (string.IsNullOrEmpty(mediaType) ? "no content type" : mediaType) + ", " + body.Length + " bytes";
                return Failure<TResult>(success
                    ? new ClientError("The server's answer is not a GraphQL response (" + what + ").", ClientErrorCodes.InvalidResponse)
                    : new ClientError(
                        "The server answered " + (int)status + " " + reason + " (" + what + ") instead of a GraphQL response.",
                        ClientErrorCodes.ForHttpStatus((int)status)));
            }

            var root = document.RootElement;
            var errors = ReadErrors(root);
            var data = default(TResult);
            if (root.TryGetProperty("data", out var dataElement) && dataElement.ValueKind == JsonValueKind.Object)
            {
                try
                {
                    data = readData(dataElement);
                }
                catch (Exception e)
                {
                    errors.Add(new ClientError("The response's data does not match the operation: " + e.Message, ClientErrorCodes.InvalidResponse, Exception: e));
                }
            }

            if (!success && errors.Count == 0)
            {
                errors.Add(new ClientError("The server answered " + (int)status + " " + reason + ".", ClientErrorCodes.ForHttpStatus((int)status)));
            }

            return new OperationResult<TResult>(data, errors, ReadExtensions(root));
        }
    }

    private static bool IsGraphQLResponse(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("data", out _) || root.TryGetProperty("errors", out _));

    private static List<IClientError> ReadErrors(JsonElement root)
    {
        var errors = new List<IClientError>();
        if (!root.TryGetProperty("errors", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return errors;
        }

        foreach (var error in list.EnumerateArray())
        {
            if (error.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(the server gave no message)";
            var extensions = error.TryGetProperty("extensions", out var e) && e.ValueKind == JsonValueKind.Object ? ToDictionary(e) : null;
            var code = extensions is not null && extensions.TryGetValue("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            errors.Add(new ClientError(message, code, ReadPath(error), extensions));
        }

        return errors;
    }

    private static IReadOnlyList<object>? ReadPath(JsonElement error)
    {
        if (!error.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return path.EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var index) ? (object)index : p.ToString())
            .ToList();
    }

    private static IReadOnlyDictionary<string, JsonElement> ReadExtensions(JsonElement root) =>
        root.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
            ? ToDictionary(extensions)
            : NoExtensions;

    /// <summary>Cloned, so the values outlive the response's JsonDocument.</summary>
    private static Dictionary<string, JsonElement> ToDictionary(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
