using System.Buffers.Text;
using System.Text;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Ids;

/// <summary>
/// Opaque global ids, HotChocolate style: base64 of "TypeName:key". Clients must not parse them;
/// the server decodes them to find the kind and the key.
/// </summary>
public readonly record struct GlobalId(string TypeName, string Key)
{
    /// <summary>Encoded through a stack buffer: every id of every answer is made here, and the text and its bytes were two garbage arrays each time.</summary>
    public override string ToString()
    {
        var length = Encoding.UTF8.GetByteCount(TypeName) + 1 + Encoding.UTF8.GetByteCount(Key);
        byte[]? rented = null;
        var utf8 = length <= 256 ? stackalloc byte[256] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
        var written = Encoding.UTF8.GetBytes(TypeName, utf8);
        utf8[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(Key, utf8[written..]);
        var encoded = Convert.ToBase64String(utf8[..written]);
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        return encoded;
    }

    public static string Encode(string typeName, string key) => new GlobalId(typeName, key).ToString();

    public static bool TryParse(string? value, out GlobalId id)
    {
        id = default;
        if (string.IsNullOrEmpty(value) || value.Length > 1024 || !Base64.IsValid(value)) return false;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(value));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        id = new GlobalId(text[..colon], text[(colon + 1)..]);
        return true;
    }

    /// <summary>Decodes an id that must name one of <paramref name="expectedTypes"/>; anything else is an INVALID_ID error.</summary>
    public static GlobalId Parse(string? value, params IReadOnlyCollection<string> expectedTypes)
    {
        if (!TryParse(value, out var id))
            throw new GraphQLRequestException(ErrorCodes.InvalidId, $"'{Truncate(value)}' is not a valid id.");
        if (expectedTypes.Count > 0 && !expectedTypes.Contains(id.TypeName))
            throw new GraphQLRequestException(ErrorCodes.InvalidId,
                $"The id '{Truncate(value)}' names a {id.TypeName}, but a {string.Join(" or ", expectedTypes)} was expected.");
        return id;
    }

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
