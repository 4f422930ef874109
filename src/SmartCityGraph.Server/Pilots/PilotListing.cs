using System.Linq.Expressions;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Organisations;
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
        // The same relations as Pilot.partners and Pilot.funders (PilotRelations), ending at the plain entity.
        Organisations(listing, "partners", RelationType.PartnerIn, "Pilots per partner organisation");
        Organisations(listing, "funders", RelationType.Funds, "Pilots per funder");
        // The same relations as Pilot.lead, Pilot.partners, Pilot.funders and Pilot.events (PilotRelations).
        listing.Filter.Object("lead", OrganisationsOf(RelationType.Leads), () => OrganisationListing.Fields.Filter);
        listing.Filter.Relation("partners", OrganisationsOf(RelationType.PartnerIn), () => OrganisationListing.Fields.Filter);
        listing.Filter.Relation("funders", OrganisationsOf(RelationType.Funds), () => OrganisationListing.Fields.Filter);
        listing.Filter.Relation<Event>("events", p => p.IncomingRelations
            .Where(r => r.Type == RelationType.Concerns && r.From.Kind == NodeKind.Event)
            .Select(r => (Event)r.From), () => EventListing.Fields.Filter);
        return listing;
    }

    /// <summary>A pilot's organisations along one relation type, as navigations SQL can test.</summary>
    private static Expression<Func<Pilot, IEnumerable<Organisation>>> OrganisationsOf(RelationType type) =>
        p => p.IncomingRelations.Where(r => r.Type == type && r.From.Kind == NodeKind.Organisation).Select(r => (Organisation)r.From);

    private static void Organisations(EntityListing<Pilot> listing, string name, RelationType type, string what)
    {
        Expression<Func<Pilot, IEnumerable<Entity>>> related = p => p.IncomingRelations
            .Where(r => r.Type == type && r.From.Kind == NodeKind.Organisation)
            .Select(r => r.From);
        listing.Facets.Relation(name, related, o => o.Id, o => o.Key, o => o.Title,
            key => GlobalId.Encode(nameof(NodeKind.Organisation), key),
            $"{what} (value: the organisation's id, label: its name), the {FacetableFields<Pilot>.DefaultTop} with most pilots first; "
            + "a pilot counts once per organisation and not at all without one.");
    }
}
