using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace SmartCityGraph.Client.Serialization;

/// <summary>
/// Reads and writes GraphQL values for the generated code. Every reader checks the JSON kind and
/// throws <see cref="GraphQLResponseFormatException"/> on a mismatch (a missing non-null field, a
/// string where a number belongs), which the executor turns into an INVALID_RESPONSE error.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonValues
{
    /// <summary>A field of an object; an undefined element when it is missing (read as null).</summary>
    public static JsonElement Field(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) ? value : default;

    public static T? Nullable<T>(JsonElement json, Func<JsonElement, T> read)
        where T : class =>
        IsNull(json) ? null : read(json);

    public static T? NullableValue<T>(JsonElement json, Func<JsonElement, T> read)
        where T : struct =>
        IsNull(json) ? null : read(json);

    public static IReadOnlyList<T> List<T>(JsonElement json, Func<JsonElement, T> read)
    {
        Expect(json, JsonValueKind.Array, "a list");
        var items = new List<T>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            items.Add(read(item));
        }

        return items;
    }

    public static string String(JsonElement json)
    {
        Expect(json, JsonValueKind.String, "a string");
        return json.GetString()!;
    }

    /// <summary>IDs are strings, but a server may send a numeric id as a number.</summary>
    public static string Id(JsonElement json) =>
        json.ValueKind == JsonValueKind.Number ? json.GetRawText() : String(json);

    public static int Int(JsonElement json)
    {
        Expect(json, JsonValueKind.Number, "an Int");
        return json.TryGetInt32(out var value) ? value : throw new GraphQLResponseFormatException("Expected an Int, got " + json.GetRawText() + ".");
    }

    public static long Long(JsonElement json)
    {
        Expect(json, JsonValueKind.Number, "a Long");
        return json.TryGetInt64(out var value) ? value : throw new GraphQLResponseFormatException("Expected a Long, got " + json.GetRawText() + ".");
    }

    public static double Float(JsonElement json)
    {
        Expect(json, JsonValueKind.Number, "a Float");
        return json.GetDouble();
    }

    public static decimal Decimal(JsonElement json)
    {
        Expect(json, JsonValueKind.Number, "a Decimal");
        return json.GetDecimal();
    }

    public static bool Boolean(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(json, "a Boolean"),
    };

    /// <summary>A Date: "2022-04-28".</summary>
    public static DateOnly Date(JsonElement json) =>
        DateOnly.TryParseExact(String(json), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new GraphQLResponseFormatException("Expected a Date (yyyy-MM-dd), got " + json.GetRawText() + ".");

    /// <summary>A DateTime: ISO-8601 with offset.</summary>
    public static DateTimeOffset DateTime(JsonElement json) =>
        DateTimeOffset.TryParse(String(json), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : throw new GraphQLResponseFormatException("Expected a DateTime (ISO-8601), got " + json.GetRawText() + ".");

    public static Guid Guid(JsonElement json) =>
        System.Guid.TryParse(String(json), out var value) ? value : throw new GraphQLResponseFormatException("Expected a UUID, got " + json.GetRawText() + ".");

    /// <summary>A custom scalar the generator does not know: the raw JSON value.</summary>
    public static JsonElement Any(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Undefined)
        {
            throw new GraphQLResponseFormatException("A non-null field is missing from the response.");
        }

        return json.Clone();
    }

    /// <summary>The <c>__typename</c> the client asked for, which tells an interface value's type.</summary>
    public static string TypeName(JsonElement json) => String(Field(json, "__typename"));

    public static void WriteId(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

    public static void WriteString(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);

    public static void WriteInt(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    public static void WriteLong(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);

    public static void WriteFloat(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);

    public static void WriteDecimal(Utf8JsonWriter writer, decimal value) => writer.WriteNumberValue(value);

    public static void WriteBoolean(Utf8JsonWriter writer, bool value) => writer.WriteBooleanValue(value);

    public static void WriteDate(Utf8JsonWriter writer, DateOnly value) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static void WriteDateTime(Utf8JsonWriter writer, DateTimeOffset value) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));

    public static void WriteGuid(Utf8JsonWriter writer, Guid value) => writer.WriteStringValue(value);

    public static void WriteAny(Utf8JsonWriter writer, JsonElement value) => value.WriteTo(writer);

    private static bool IsNull(JsonElement json) => json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    private static void Expect(JsonElement json, JsonValueKind kind, string what)
    {
        if (json.ValueKind != kind)
        {
            throw Mismatch(json, what);
        }
    }

    private static GraphQLResponseFormatException Mismatch(JsonElement json, string what) =>
        new(json.ValueKind == JsonValueKind.Undefined
            ? "A non-null field is missing from the response (expected " + what + ")."
            : json.ValueKind == JsonValueKind.Null
                ? "The server sent null where the schema promises " + what + "."
                : "Expected " + what + ", got " + json.ValueKind + ".");
}
