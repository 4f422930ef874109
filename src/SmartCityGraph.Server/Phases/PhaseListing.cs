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
        // The same relations as Phase.events and Phase.parent (PhaseRelations), as navigations SQL can test.
        listing.Filter.Relation<Event>("events", p => p.IncomingRelations
            .Where(r => r.Type == RelationType.PartOf && r.From.Kind == NodeKind.Event)
            .Select(r => (Event)r.From), () => EventListing.Fields.Filter);
        listing.Filter.Object<Phase>("parent", p => p.OutgoingRelations
            .Where(r => r.Type == RelationType.PartOf && r.To.Kind == NodeKind.Phase)
            .Select(r => (Phase)r.To), () => Fields.Filter);
        return listing;
    }
}
