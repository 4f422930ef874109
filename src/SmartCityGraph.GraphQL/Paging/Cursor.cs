using System.Globalization;
using System.Text;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Paging;

/// <summary>
/// An opaque position in one connection: base64 of "scope:key". The scope names the connection,
/// so a cursor from another connection is refused rather than silently misread.
/// </summary>
public sealed record Cursor(string Scope, long Key)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Scope}:{Key.ToString(CultureInfo.InvariantCulture)}"));

    public static string Encode(string scope, long key) => new Cursor(scope, key).Encode();

    public static Cursor Decode(string value, string scope, string argument)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        }
        catch (FormatException)
        {
            throw GraphQLRequestException.InvalidInput($"'{argument}' is not a cursor this server issued.");
        }
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            throw GraphQLRequestException.InvalidInput($"'{argument}' is not a cursor this server issued.");
        if (text[..colon] != scope)
            throw GraphQLRequestException.InvalidInput($"'{argument}' is a cursor of another connection.");
        return new Cursor(scope, key);
    }
}
