using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Pilots;

/// <summary>What editors set on a pilot (createPilot, updatePilot); its lead, partners and funders are relations.</summary>
internal static class PilotEditing
{
    public static readonly EntityEditing<Pilot> Fields = new EntityEditing<Pilot>("Pilot", typeof(PilotGraphType), () => new Pilot { Key = "", Title = "" })
        .Field<StringGraphType, string?>("seedTitle", p => p.SeedTitle, "The project's name in the original knowledge store.")
        .Field<CalendarDateGraphType, DateOnly?>("startDate", p => p.StartDate)
        .Field<CalendarDateGraphType, DateOnly?>("endDate", p => p.EndDate, "Never before the start date.")
        .Field<StringGraphType, string?>("url", p => p.Url, "An absolute http(s) URL.");
}
