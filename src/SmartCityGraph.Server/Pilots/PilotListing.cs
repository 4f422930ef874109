using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Pilots;

internal static class PilotListing
{
    public static readonly EntityListing<Pilot> Fields = EntityListing<Pilot>.Create("Pilot")
        .FilterableAndSortable("startDate", p => p.StartDate)
        .FilterableAndSortable("endDate", p => p.EndDate)
        .Filterable("url", p => p.Url)
        .DateFacets("startDate", "start", p => p.StartDate)
        .DateFacets("endDate", "end", p => p.EndDate);
}
