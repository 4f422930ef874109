using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Pilots;

internal static class PilotListing
{
    public static readonly EntityListing<Pilot> Fields = Create();

    private static EntityListing<Pilot> Create()
    {
        var listing = EntityListing<Pilot>.Create("Pilot")
            .FilterableAndSortable("startDate", p => p.StartDate)
            .FilterableAndSortable("endDate", p => p.EndDate)
            .Filterable("url", p => p.Url)
            .DateFacets("startDate", "start", p => p.StartDate)
            .DateFacets("endDate", "end", p => p.EndDate);
        // The relation fields' own walks (PilotRelations), as navigations SQL can test.
        Organisations(listing, "partners", PilotRelations.Partners, "Pilots per partner organisation");
        Organisations(listing, "funders", PilotRelations.Funders, "Pilots per funder");
        listing.Filter.Object("lead", PilotRelations.Lead.Navigation<Pilot, Organisation>(), () => OrganisationListing.Fields.Filter);
        listing.Filter.Relation("partners", PilotRelations.Partners.Navigation<Pilot, Organisation>(), () => OrganisationListing.Fields.Filter);
        listing.Filter.Relation("funders", PilotRelations.Funders.Navigation<Pilot, Organisation>(), () => OrganisationListing.Fields.Filter);
        listing.Filter.Relation("events", PilotRelations.Events.Navigation<Pilot, Event>(), () => EventListing.Fields.Filter);
        return listing;
    }

    private static void Organisations(EntityListing<Pilot> listing, string name, RelationSpec organisations, string what) =>
        listing.Facets.Relation(name, organisations.Navigation<Pilot, Entity>(), o => o.Id, o => o.Key, o => o.Title,
            key => GlobalId.Encode(nameof(NodeKind.Organisation), key),
            $"{what} (value: the organisation's id, label: its name), the {FacetableFields<Pilot>.DefaultTop} with most pilots first; "
            + "a pilot counts once per organisation and not at all without one.");
}
