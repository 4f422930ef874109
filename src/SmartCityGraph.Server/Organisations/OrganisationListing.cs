using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Organisations;

internal static class OrganisationListing
{
    public static readonly EntityListing<Organisation> Fields = Create();

    private static EntityListing<Organisation> Create()
    {
        var listing = EntityListing<Organisation>.Create("Organisation")
            .FilterableAndFacetable("type", o => o.Type)
            .FilterableAndSortable("abbreviation", o => o.Abbreviation)
            .Filterable("url", o => o.Url);
        // The same relations as Organisation.events and Organisation.pilots (OrganisationRelations); the event and
        // pilot filters are named lazily because they filter by organisations in turn.
        listing.Filter.Relation<Event>("events", o => o.OutgoingRelations
            .Where(r => (r.Type == RelationType.Organises || r.Type == RelationType.Hosts) && r.To.Kind == NodeKind.Event)
            .Select(r => (Event)r.To), () => EventListing.Fields.Filter);
        listing.Filter.Relation<Pilot>("pilots", o => o.OutgoingRelations
            .Where(r => (r.Type == RelationType.Leads || r.Type == RelationType.PartnerIn || r.Type == RelationType.Funds) && r.To.Kind == NodeKind.Pilot)
            .Select(r => (Pilot)r.To), () => PilotListing.Fields.Filter);
        return listing;
    }
}
