using System.Text.Json;

namespace SmartCityGraph.Data.Seeding;

/// <summary>A fact of the seed that rests only on notes citing no original source.</summary>
/// <param name="Reference">The entity (<c>Kind:key</c>), or for a relation its entity and the relation (<c>Kind:key TYPE Kind:key</c>).</param>
/// <param name="Title">The entity's title (for a relation, its entity's).</param>
public sealed record UncitedFact(string Reference, string Title)
{
    public override string ToString() => $"{Reference}  {Title}";
}

/// <summary>
/// Lists the entities and relations of a seed folder whose every citation points at a source marked
/// <c>"uncited": true</c> in <c>sources.json</c> (the project's compiled notes that name no original), so they
/// can be sourced. It reads the references as written, which <see cref="SeedReader"/> resolves away; a relation
/// without its own sources inherits its entity's, as on import. Run it on a seed <see cref="SeedReader"/> accepts.
/// </summary>
public static class SeedSourceAudit
{
    public static IReadOnlyList<UncitedFact> UncitedOnly(string directory)
    {
        var uncited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in Records(directory, SeedFiles.Sources))
            if (source.TryGetProperty("uncited", out var flag) && flag.ValueKind == JsonValueKind.True)
                uncited.Add(source.GetProperty("id").GetString()!);

        var facts = new List<UncitedFact>();
        foreach (var (file, kind) in SeedFiles.KindFiles)
        {
            foreach (var record in Records(directory, file))
            {
                var reference = $"{SeedFiles.TypeName(kind)}:{record.GetProperty("key").GetString()}";
                var title = record.GetProperty("title").GetString()!;
                var own = Refs(record);
                if (RestsOnlyOn(uncited, own)) facts.Add(new UncitedFact(reference, title));
                if (!record.TryGetProperty("relations", out var relations) || relations.ValueKind != JsonValueKind.Array) continue;
                foreach (var relation in relations.EnumerateArray())
                {
                    var refs = Refs(relation);
                    if (RestsOnlyOn(uncited, refs.Count > 0 ? refs : own))
                        facts.Add(new UncitedFact($"{reference} {relation.GetProperty("type").GetString()} {relation.GetProperty("to").GetString()}", title));
                }
            }
        }
        return facts;
    }

    private static bool RestsOnlyOn(HashSet<string> uncited, List<string> refs) => refs.Count > 0 && refs.All(uncited.Contains);

    private static List<string> Refs(JsonElement element) =>
        element.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array
            ? sources.EnumerateArray().Select(s => s.GetProperty("ref").GetString()!).ToList()
            : [];

    private static IEnumerable<JsonElement> Records(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path)) return [];
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.GetProperty("records").EnumerateArray().Select(r => r.Clone()).ToList();
    }
}
