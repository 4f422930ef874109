using System.Text.Json;

namespace SmartCityGraph.Data.Model;

/// <summary>
/// The sources of an entity or relation, kept as their stored JSON until first read. The prepared reads
/// (<see cref="Storage.ModelRows"/>) read whole rows, and most documents select no sources: parsing every row's
/// JSON was 9 % of a depth-2 neighbourhood's CPU. A field of its owner, never copied.
/// </summary>
public struct StoredSources
{
    private List<Source>? _parsed;
    private string? _json;

    /// <summary>The sources, parsed on first read (an empty list for a new object).</summary>
    public List<Source> Value => _parsed ??= _json is null ? [] : JsonSerializer.Deserialize<List<Source>>(_json) ?? [];

    public void Set(List<Source> value) => (_parsed, _json) = (value, null);

    /// <summary>Keeps <paramref name="json"/> (the column as EF Core stores it: the serializer's defaults) to parse when read.</summary>
    public void SetJson(string json) => (_parsed, _json) = (null, json);
}

/// <summary>What has <see cref="StoredSources"/>: the row readers hand it the stored JSON instead of parsing it.</summary>
public interface IStoredSources
{
    List<Source> Sources { get; set; }

    /// <summary>Sets the sources from their stored JSON, parsed when <see cref="Sources"/> is first read.</summary>
    void SetSourcesJson(string json);
}
