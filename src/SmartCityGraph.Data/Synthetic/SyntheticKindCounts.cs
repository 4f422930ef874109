namespace SmartCityGraph.Data.Synthetic;

/// <summary>
/// How many entities of each kind a graph of a given size gets, in roughly the real seed's
/// proportions: events dominate, organisations follow, the structural kinds are few.
/// </summary>
public sealed record SyntheticKindCounts(
    int Strategies, int Phases, int StrategyElements, int ParticipationStrands, int Organisations, int Pilots, int Events)
{
    public int Total => Strategies + Phases + StrategyElements + ParticipationStrands + Organisations + Pilots + Events;

    public static SyntheticKindCounts For(int entities)
    {
        if (entities < 10) throw new ArgumentOutOfRangeException(nameof(entities), "a synthetic graph needs at least 10 entities");
        // Every kind gets at least one entity so every relation kind has both ends.
        int Share(double fraction) => Math.Max(1, (int)(entities * fraction));
        var strategies = Share(0.005);
        var phases = Share(0.01);
        var strands = Share(0.01);
        var organisations = Share(0.30);
        var pilots = Share(0.03);
        var events = Share(0.60);
        var elements = entities - strategies - phases - strands - organisations - pilots - events;
        if (elements < 1) { events -= 1 - elements; elements = 1; }
        return new SyntheticKindCounts(strategies, phases, elements, strands, organisations, pilots, events);
    }
}
