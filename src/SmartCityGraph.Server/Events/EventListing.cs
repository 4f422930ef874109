using System.Linq.Expressions;
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
        // The same relations as Event.organisers (EventRelations.Organisers), as a navigation SQL can join.
        Expression<Func<Event, IEnumerable<Organisation>>> organisers = e => e.IncomingRelations
            .Where(r => (r.Type == RelationType.Organises || r.Type == RelationType.Hosts) && r.From.Kind == NodeKind.Organisation)
            .Select(r => (Organisation)r.From);
        listing.Filter.Relation("organisers", organisers, OrganisationListing.Fields.Filter);
        // The same relations as Event.phase and Event.pilot (EventRelations), as navigations SQL can test.
        listing.Filter.Object<Phase>("phase", e => e.OutgoingRelations
            .Where(r => r.Type == RelationType.PartOf && r.To.Kind == NodeKind.Phase).Select(r => (Phase)r.To), () => PhaseListing.Fields.Filter);
        listing.Filter.Object<Pilot>("pilot", e => e.OutgoingRelations
            .Where(r => r.Type == RelationType.Concerns && r.To.Kind == NodeKind.Pilot).Select(r => (Pilot)r.To), () => PilotListing.Fields.Filter);
        // The same relations again, ending at the plain entity: EF Core cannot project a SelectMany over the cast.
        Expression<Func<Event, IEnumerable<Entity>>> organiserEntities = e => e.IncomingRelations
            .Where(r => (r.Type == RelationType.Organises || r.Type == RelationType.Hosts) && r.From.Kind == NodeKind.Organisation)
            .Select(r => r.From);
        listing.Facets.Relation("organisers", organiserEntities, o => o.Id, o => o.Key, o => o.Title,
            key => GlobalId.Encode(nameof(NodeKind.Organisation), key),
            $"Events per organiser (value: the organisation's id, label: its name), the {FacetableFields<Event>.DefaultTop} with most events first; "
            + "an event counts once per organiser and not at all without one.");
        listing.Facets.RelatedValue("organiserType", e => e.Id,
            e => e.IncomingRelations
                .Where(r => (r.Type == RelationType.Organises || r.Type == RelationType.Hosts) && r.From.Kind == NodeKind.Organisation)
                .Select(r => ((Organisation)r.From).Type),
            "Events per type of organiser, most frequent first: an event counts once under each type among its organisers "
            + "(value null: an organiser of unknown type) and not at all without organisers.");
        return listing;
    }
}
