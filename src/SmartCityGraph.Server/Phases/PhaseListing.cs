using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Phases;

internal static class PhaseListing
{
    public static readonly EntityListing<Phase> Fields = Create();

    private static EntityListing<Phase> Create()
    {
        var listing = EntityListing<Phase>.Create("Phase")
            .FilterableAndSortable("startDate", p => p.StartDate)
            .FilterableAndSortable("endDate", p => p.EndDate)
            .DateFacets("startDate", "start", p => p.StartDate)
            .DateFacets("endDate", "end", p => p.EndDate);
        // The relation fields' own walks (PhaseRelations), as navigations SQL can test.
        listing.Filter.Relation("events", PhaseRelations.Events.Navigation<Phase, Event>(), () => EventListing.Fields.Filter);
        listing.Filter.Object("parent", PhaseRelations.Parent.Navigation<Phase, Phase>(), () => Fields.Filter);
        return listing;
    }
}
