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
        // The relation fields' own walks (OrganisationRelations); the event and pilot filters are named lazily
        // because they filter by organisations in turn.
        listing.Filter.Relation("events", OrganisationRelations.Events.Navigation<Organisation, Event>(), () => EventListing.Fields.Filter);
        listing.Filter.Relation("pilots", OrganisationRelations.Pilots.Navigation<Organisation, Pilot>(), () => PilotListing.Fields.Filter);
        return listing;
    }
}
