using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Synthetic;

/// <summary>
/// Entity ids are assigned up front, kind after kind, so relations can name both ends without
/// reading anything back from the database.
/// </summary>
internal sealed class SyntheticIdLayout
{
    private readonly Dictionary<NodeKind, (int First, int Count)> ranges = [];

    public SyntheticIdLayout(SyntheticKindCounts counts)
    {
        var next = 1;
        void Add(NodeKind kind, int count) { ranges[kind] = (next, count); next += count; }
        Add(NodeKind.Strategy, counts.Strategies);
        Add(NodeKind.Phase, counts.Phases);
        Add(NodeKind.StrategyElement, counts.StrategyElements);
        Add(NodeKind.ParticipationStrand, counts.ParticipationStrands);
        Add(NodeKind.Organisation, counts.Organisations);
        Add(NodeKind.Pilot, counts.Pilots);
        Add(NodeKind.Event, counts.Events);
    }

    public IEnumerable<NodeKind> Kinds => ranges.Keys;
    public int Count(NodeKind kind) => ranges[kind].Count;
    public int Id(NodeKind kind, int index) => ranges[kind].First + index;

    public static string KeyPrefix(NodeKind kind) => kind switch
    {
        NodeKind.Strategy => "str",
        NodeKind.Phase => "pha",
        NodeKind.StrategyElement => "sel",
        NodeKind.ParticipationStrand => "pst",
        NodeKind.Organisation => "org",
        NodeKind.Pilot => "pil",
        NodeKind.Event => "evt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Key(NodeKind kind, int index) => $"{KeyPrefix(kind)}-{index + 1:D6}";
}
