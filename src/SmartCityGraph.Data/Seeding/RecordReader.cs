using System.Globalization;
using System.Text.Json;

namespace SmartCityGraph.Data.Seeding;

/// <summary>
/// Reads the fields of one seed record, collecting a located <see cref="SeedProblem"/> for every
/// missing or malformed value instead of stopping at the first.
/// </summary>
internal sealed class RecordReader(string file, string record, JsonElement element, List<SeedProblem> problems, string fieldPrefix = "")
{
    public string File => file;
    public string Record => record;

    public void Problem(string field, string message) => problems.Add(new SeedProblem(file, record, fieldPrefix + field, message));

    public bool Has(string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind is not JsonValueKind.Null;

    public string RequiredString(string field)
    {
        var value = OptionalString(field);
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(field, "is required and must be a non-empty string");
            return "";
        }
        return value;
    }

    public string? OptionalString(string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Problem(field, $"must be a string, not {value.ValueKind}");
        return null;
    }

    public DateOnly? OptionalDate(string field)
    {
        var text = OptionalString(field);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Problem(field, $"'{text}' is not a date of the form yyyy-MM-dd");
        return null;
    }

    public DateOnly RequiredDate(string field)
    {
        if (!Has(field)) Problem(field, "is required");
        return OptionalDate(field) ?? default;
    }

    public bool OptionalBool(string field, bool fallback)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Problem(field, "must be true or false");
        return fallback;
    }

    public int? OptionalInt(string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) return number;
        Problem(field, "must be a whole number");
        return null;
    }

    /// <summary>Reads an enum written in the seed's SCREAMING_SNAKE_CASE (PARTNER_IN → PartnerIn).</summary>
    public TEnum? OptionalEnum<TEnum>(string field) where TEnum : struct, Enum
    {
        var text = OptionalString(field);
        if (text is null) return null;
        if (SeedEnum.TryParse<TEnum>(text, out var parsed)) return parsed;
        Problem(field, $"'{text}' is not one of {string.Join(", ", SeedEnum.Names<TEnum>())}");
        return null;
    }

    public TEnum RequiredEnum<TEnum>(string field) where TEnum : struct, Enum
    {
        if (!Has(field)) Problem(field, "is required");
        return OptionalEnum<TEnum>(field) ?? default;
    }

    public IEnumerable<(JsonElement Item, int Index)> Array(string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem(field, "must be an array");
            return [];
        }
        return value.EnumerateArray().Select((item, index) => (item, index));
    }

    /// <summary>A list of non-empty strings (empty when absent).</summary>
    public List<string> StringList(string field)
    {
        var values = new List<string>();
        foreach (var (item, index) in Array(field))
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString())) values.Add(item.GetString()!);
            else Problem($"{field}[{index}]", "must be a non-empty string");
        }
        return values;
    }

    /// <summary>A reader for a nested object; its problems name the path, e.g. "relations[2].to".</summary>
    public RecordReader Nested(string path, JsonElement item) => new(file, record, item, problems, $"{fieldPrefix}{path}.");
}

internal static class SeedEnum
{
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum =>
        Enum.TryParse(text.Replace("_", ""), ignoreCase: true, out value) && Enum.IsDefined(value);

    public static IEnumerable<string> Names<TEnum>() where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Select(ToScreamingSnake);

    public static string ToScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
