using System.Text.Json.Serialization;

namespace SmartCityGraph.Data.Model;

/// <summary>A typed, sourced edge between any two entities.</summary>
public sealed class Relation : IStoredSources
{
    private StoredSources _storedSources; // not "_sources": EF Core would take that as the property's backing field

    public int Id { get; set; }
    public RelationType Type { get; set; }
    /// <summary>The part the "from" entity plays, where the source names one.</summary>
    public string? Role { get; set; }
    public int FromId { get; set; }
    [JsonIgnore] public Entity From { get; set; } = null!;
    public int ToId { get; set; }
    [JsonIgnore] public Entity To { get; set; } = null!;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public List<Source> Sources { get => _storedSources.Value; set => _storedSources.Set(value); }

    void IStoredSources.SetSourcesJson(string json) => _storedSources.SetJson(json);

    /// <summary>1 when added, one more with every change (the optimistic-concurrency token of edits).</summary>
    public int Version { get; set; } = 1;
}
