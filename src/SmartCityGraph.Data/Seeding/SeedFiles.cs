using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Seeding;

/// <summary>Which file of the seed holds which kind, and how a reference names a kind ("Pilot:smart-water").</summary>
public static class SeedFiles
{
    public const string Sources = "sources.json";

    public static readonly IReadOnlyList<(string File, NodeKind Kind)> KindFiles =
    [
        ("strategies.json", NodeKind.Strategy),
        ("phases.json", NodeKind.Phase),
        ("events.json", NodeKind.Event),
        ("organisations.json", NodeKind.Organisation),
        ("pilots.json", NodeKind.Pilot),
        ("strategy-elements.json", NodeKind.StrategyElement),
        ("participation-strands.json", NodeKind.ParticipationStrand),
        ("documents.json", NodeKind.Document),
        ("results.json", NodeKind.Result),
        ("terms.json", NodeKind.Term),
        ("collections.json", NodeKind.Collection),
        ("series.json", NodeKind.Series),
    ];

    /// <summary>The text before the colon of a reference and of a decoded global id.</summary>
    public static string TypeName(NodeKind kind) => kind.ToString();

    public static bool TryParseReference(string reference, out NodeKind kind, out string key)
    {
        kind = default;
        key = "";
        var colon = reference.IndexOf(':');
        if (colon <= 0 || colon == reference.Length - 1) return false;
        key = reference[(colon + 1)..];
        return Enum.TryParse(reference[..colon], ignoreCase: false, out kind) && Enum.IsDefined(kind);
    }
}
