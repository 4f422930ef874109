using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;

namespace SmartCityGraph.Data.Editing;

/// <summary>
/// The JSON a revision records of its subject before and after the change: every field with the names and
/// enum values the GraphQL API uses (<c>startDate</c>, <c>"PUBLIC_ADMINISTRATION"</c>), its sources and version;
/// a relation names its ends as the seed does (<c>"Organisation:technologiestiftung-berlin"</c>). The images are
/// complete, so the latest image of every subject up to a revision is the graph as it stood then.
/// </summary>
public static class RevisionImages
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "Bürger", not "B\u00fcrger"
    };

    private static readonly Dictionary<NodeKind, Type> EntityTypes = typeof(Entity).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Entity)) && !t.IsAbstract)
        .ToDictionary(t => EntityKinds.Of(t)!.Value);

    public static string Of(Entity entity) => JsonSerializer.Serialize(entity, entity.GetType(), Options);

    /// <summary>The relation's image; <paramref name="from"/> and <paramref name="to"/> are its ends (their kind and key).</summary>
    public static string Of(Relation relation, Entity from, Entity to) =>
        JsonSerializer.Serialize(new RelationImage(
            relation.Id, relation.Type, Reference(from), Reference(to), relation.Role, relation.ValidFrom, relation.ValidTo,
            relation.Sources, relation.Version), Options);

    /// <summary>An entity again from its image, with its surrogate id (which images leave out).</summary>
    public static Entity Entity(string image, int id)
    {
        var kind = JsonNode.Parse(image)!["kind"]!.Deserialize<NodeKind>(Options);
        var entity = (Entity)JsonSerializer.Deserialize(image, EntityTypes[kind], Options)!;
        entity.Id = id;
        return entity;
    }

    public static RelationImage Relation(string image) => JsonSerializer.Deserialize<RelationImage>(image, Options)!;

    /// <summary>The image without its version: what a change of content compares (the seed import's "did the seed change this?").</summary>
    public static string Content(string image)
    {
        var node = JsonNode.Parse(image)!.AsObject();
        node.Remove("version");
        node.Remove("id");
        return node.ToJsonString(Options);
    }

    /// <summary>"Kind:key", the seed's reference to an entity.</summary>
    public static string Reference(Entity entity) => Reference(entity.Kind, entity.Key);

    public static string Reference(NodeKind kind, string key) => $"{SeedFiles.TypeName(kind)}:{key}";

    /// <summary>The image as a tree of dictionaries, lists and plain values (for a JSON scalar).</summary>
    public static object? Tree(string? image) => image is null ? null : ToTree(JsonNode.Parse(image));

    private static object? ToTree(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToTree(p.Value)),
        JsonArray a => a.Select(ToTree).ToList(),
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        _ => node.ToString(),
    };
}

/// <summary>A relation as its revisions record it.</summary>
public sealed record RelationImage(
    int Id, RelationType Type, string From, string To, string? Role, DateOnly? ValidFrom, DateOnly? ValidTo,
    IReadOnlyList<Source> Sources, int Version);
