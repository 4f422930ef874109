using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>
/// An opaque position in one connection: base64 of "scope:values". The values are the sort key
/// values of the item, a plain integer when the order is by the unique key alone (the original
/// form, so such cursors stay valid) and a JSON array otherwise. The scope names the connection
/// and its order, so a cursor from another connection or order is refused rather than misread.
/// </summary>
public sealed record Cursor(string Scope, IReadOnlyList<JsonElement> Values)
{
    /// <summary>The single integer key of a cursor in unique-key order.</summary>
    public long Key => Values is [{ ValueKind: JsonValueKind.Number } only] && only.TryGetInt64(out var key)
        ? key
        : throw GraphQLRequestException.InvalidInput("The cursor does not belong to this order.");

    public string Encode()
    {
        var payload = Values is [{ ValueKind: JsonValueKind.Number } only] && only.TryGetInt64(out var key)
            ? key.ToString(CultureInfo.InvariantCulture)
            : JsonSerializer.Serialize(Values);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Scope}:{payload}"));
    }

    /// <summary>The cursor of an item in unique-key order: the text <see cref="Encode()"/> makes of that one key, without building its JSON.</summary>
    public static string Encode(string scope, long key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{scope}:{key}")));

    public static string Encode(string scope, IEnumerable<object?> values)
    {
        var list = values as IReadOnlyList<object?> ?? values.ToList();
        // A lone integer key is written as a plain number, whatever its integer type (see Encode()).
        if (list is [(long or int or short or sbyte or uint or ushort or byte) and var only])
            return Encode(scope, Convert.ToInt64(only, CultureInfo.InvariantCulture));
        return new Cursor(scope, list.Select(v => JsonSerializer.SerializeToElement(v)).ToList()).Encode();
    }

    public static Cursor Decode(string value, string scope, string argument)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            throw NotIssued(argument);
        }
        var values = text.EndsWith(']') ? DecodeList(text, out var colon) : DecodeKey(text, out colon);
        if (values is null) throw NotIssued(argument);
        if (text[..colon] != scope)
            throw GraphQLRequestException.InvalidInput($"'{argument}' is a cursor of another connection or order.");
        return new Cursor(scope, values);
    }

    private static List<JsonElement>? DecodeKey(string text, out int colon)
    {
        colon = text.LastIndexOf(':');
        if (colon < 0 || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var key)) return null;
        return [JsonSerializer.SerializeToElement(key)];
    }

    private static List<JsonElement>? DecodeList(string text, out int colon)
    {
        // Scopes never hold ":[", so the first one ends the scope (the values may hold anything).
        colon = text.IndexOf(":[", StringComparison.Ordinal);
        if (colon < 0) return null;
        try
        {
            return JsonSerializer.Deserialize<List<JsonElement>>(text.AsSpan(colon + 1));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static GraphQLRequestException NotIssued(string argument) =>
        GraphQLRequestException.InvalidInput($"'{argument}' is not a cursor this server issued.");
}
