using System.Text.Json;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>Whether an answer counts as an error, decided from the bytes the client received.</summary>
internal static class ResponseCheck
{
    /// <summary>
    /// Null for a GraphQL answer that is well-formed JSON with <c>data</c> and no top-level <c>errors</c>;
    /// else what went wrong (the first error's <c>extensions.code</c>, or "invalid JSON", …).
    /// The whole body is read, so a truncated answer is an error too.
    /// </summary>
    public static string? GraphQLError(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "not a JSON object";
            var hasData = false;
            var hasErrors = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data"u8);
                var isErrors = reader.ValueTextEquals("errors"u8);
                reader.Read(); // the value
                if (isData) hasData = reader.TokenType != JsonTokenType.Null;
                if (isErrors) hasErrors = true;
                reader.Skip();
            }
            // Anything but the end of the object, or more after it (Read throws on garbage), is not one JSON object.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return "invalid JSON";
            if (hasErrors) return FirstErrorCode(body);
            return hasData ? null : "no data";
        }
        catch (JsonException)
        {
            return "invalid JSON";
        }
    }

    private static string FirstErrorCode(ReadOnlySpan<byte> body)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        var first = document.RootElement.GetProperty("errors")[0];
        return first.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
            ? code.GetString() ?? "error"
            : first.TryGetProperty("message", out var message) ? message.GetString() ?? "error" : "error";
    }
}
