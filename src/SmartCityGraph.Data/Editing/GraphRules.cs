using System.Reflection;
using System.Text.RegularExpressions;
using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Editing;

/// <summary>One broken rule, named by the field it concerns (as the seed files and the GraphQL inputs name it).</summary>
public readonly record struct RuleViolation(string Field, string Message);

/// <summary>
/// The rules every entity and relation keeps, whoever writes it: the seed importer and the editing mutations
/// check the same ones. Kind fields follow conventions, so a new kind needs no rule of its own: a <c>Url</c>
/// is an absolute http(s) URL, an <c>EndDate</c> never precedes its <c>StartDate</c>, an enum value is a member.
/// </summary>
public static partial class GraphRules
{
    public const int MaxTitleLength = 500;
    public const int MaxKeyLength = 200;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KeyPattern();

    public static bool IsKey(string key) => key.Length <= MaxKeyLength && KeyPattern().IsMatch(key);

    /// <summary>The entity's own fields: key, title, URL, date order, enum values.</summary>
    public static IEnumerable<RuleViolation> Entity(Entity entity)
    {
        if (entity.Key.Length > 0 && !IsKey(entity.Key))
            yield return new("key", $"'{entity.Key}' must be lower-case words joined by hyphens");
        foreach (var violation in Title(entity.Title)) yield return violation;
        foreach (var violation in KindFields(entity)) yield return violation;
    }

    /// <summary>The fields of an entity's kind alone (what the seed reader has not already checked while reading).</summary>
    public static IEnumerable<RuleViolation> KindFields(Entity entity)
    {
        var type = entity.GetType();
        if (type.GetProperty("Url")?.GetValue(entity) is string url && !IsHttpUrl(url))
            yield return new("url", $"'{url}' is not an absolute http(s) URL");
        if (type.GetProperty("StartDate")?.GetValue(entity) is DateOnly start && type.GetProperty("EndDate")?.GetValue(entity) is DateOnly end && end < start)
            yield return new("endDate", $"{end:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (enumType.IsEnum && property.Name != nameof(Model.Entity.Kind) && property.GetValue(entity) is { } value && !Enum.IsDefined(enumType, value))
                yield return new(Camel(property.Name), $"'{value}' is not one of {string.Join(", ", Enum.GetNames(enumType))}");
        }
    }

    public static IEnumerable<RuleViolation> Title(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            yield return new("title", "is required and must be a non-empty string");
        else if (title.Length > MaxTitleLength)
            yield return new("title", $"is longer than {MaxTitleLength} characters");
    }

    /// <summary>A relation: its type between the kinds it connects, never to its own entity, validity in order.</summary>
    public static IEnumerable<RuleViolation> Relation(RelationType type, Entity from, Entity to, DateOnly? validFrom, DateOnly? validTo)
    {
        if (!Enum.IsDefined(type))
            yield return new("type", $"'{type}' is not a relation type");
        else if (!RelationVocabulary.Allows(type, from.Kind, to.Kind))
            yield return new("type", $"{ScreamingSnake(type)} cannot link {from.Kind} to {to.Kind}; it connects only {string.Join(", ", RelationVocabulary.Of(type).Connects)}");
        if (ReferenceEquals(from, to) || (from.Kind == to.Kind && from.Key == to.Key))
            yield return new("to", "a relation cannot point at its own entity");
        if (validFrom is { } start && validTo is { } end && end < start)
            yield return new("validTo", "is before validFrom");
    }

    /// <summary>Provenance: at least one source, each with a title and, where given, an absolute http(s) URL.</summary>
    public static IEnumerable<RuleViolation> Sources(IReadOnlyList<Source> sources)
    {
        if (sources.Count == 0) yield return new("sources", "at least one source is required");
        for (var i = 0; i < sources.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(sources[i].Title)) yield return new($"sources[{i}].title", "is required and must be a non-empty string");
            if (sources[i].Url is { } url && !IsHttpUrl(url)) yield return new($"sources[{i}].url", $"'{url}' is not an absolute http(s) URL");
        }
    }

    public static bool IsHttpUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>PartnerIn → PARTNER_IN, as the seed and the GraphQL enums spell it.</summary>
    public static string ScreamingSnake<TEnum>(TEnum value) where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
