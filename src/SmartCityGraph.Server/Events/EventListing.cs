using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Events;

internal static class EventListing
{
    public static readonly EntityListing<Event> Fields = Create();

    private static EntityListing<Event> Create()
    {
        var listing = EntityListing<Event>.Create("Event")
            .FilterableAndSortable("startDate", e => e.StartDate)
            .FilterableAndSortable("endDate", e => e.EndDate)
            .FilterableAndFacetable("category", e => e.Category)
            .FilterableAndFacetable("type", e => e.Type)
            .FilterableAndFacetable("recordedStatus", e => e.RecordedStatus)
            .Filterable("url", e => e.Url)
            .DateFacets("startDate", "start", e => e.StartDate)
            .DateFacets("endDate", "end", e => e.EndDate);
        // The status is derived from the dates and Berlin's today, so it filters by the rule, not a column.
        listing.Filter.Derived<EventStatus>("status", "EventStatus", (status, ctx) => EventStatusRule.HasStatusOn(status, ctx.Today()));
        listing.Facets.Derived("status", ctx => EventStatusRule.StatusExpressionOn(ctx.Today()),
            "Events per status (derived from the dates and today's date in Berlin, unless cancelled), most frequent first.");
        // The relation fields' own walks (EventRelations), as navigations SQL can test.
        listing.Filter.Relation("organisers", EventRelations.Organisers.Navigation<Event, Organisation>(), OrganisationListing.Fields.Filter);
        listing.Filter.Object("phase", EventRelations.Phase.Navigation<Event, Phase>(), () => PhaseListing.Fields.Filter);
        listing.Filter.Object("pilot", EventRelations.Pilot.Navigation<Event, Pilot>(), () => PilotListing.Fields.Filter);
        listing.Facets.Relation("organisers", EventRelations.Organisers.Navigation<Event, Entity>(), o => o.Id, o => o.Key, o => o.Title,
            key => GlobalId.Encode(nameof(NodeKind.Organisation), key),
            $"Events per organiser (value: the organisation's id, label: its name), the {FacetableFields<Event>.DefaultTop} with most events first; "
            + "an event counts once per organiser and not at all without one.");
        listing.Facets.RelatedValue("organiserType", e => e.Id,
            EventRelations.Organisers.Navigation<Event, Organisation, OrganisationType?>(o => o.Type),
            "Events per type of organiser, most frequent first: an event counts once under each type among its organisers "
            + "(value null: an organiser of unknown type) and not at all without organisers.");
        return listing;
    }
}
