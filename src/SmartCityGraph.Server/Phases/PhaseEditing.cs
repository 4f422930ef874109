using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Phases;

/// <summary>What editors set on a phase (createPhase, updatePhase); its parent and strategy are relations.</summary>
internal static class PhaseEditing
{
    public static readonly EntityEditing<Phase> Fields = new EntityEditing<Phase>("Phase", typeof(PhaseGraphType), () => new Phase { Key = "", Title = "" })
        .Field<CalendarDateGraphType, DateOnly?>("startDate", p => p.StartDate)
        .Field<CalendarDateGraphType, DateOnly?>("endDate", p => p.EndDate, "Never before the start date.");
}
