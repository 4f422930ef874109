using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Phases;

internal static class PhaseListing
{
    public static readonly EntityListing<Phase> Fields = EntityListing<Phase>.Create("Phase")
        .FilterableAndSortable("startDate", p => p.StartDate)
        .FilterableAndSortable("endDate", p => p.EndDate)
        .DateFacets("startDate", "start", p => p.StartDate)
        .DateFacets("endDate", "end", p => p.EndDate);
}
