using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
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
            .Filterable("category", e => e.Category)
            .Filterable("type", e => e.Type)
            .Filterable("recordedStatus", e => e.RecordedStatus)
            .Filterable("url", e => e.Url);
        // The status is derived from the dates and Berlin's today, so it filters by the rule, not a column.
        listing.Filter.Derived<EventStatus>("status", "EventStatus", (status, ctx) => EventStatusRule.HasStatusOn(status, ctx.Today()));
        // The same relations as Event.organisers (EventRelations.Organisers), as a navigation SQL can join.
        listing.Filter.Relation("organisers",
            e => e.IncomingRelations
                .Where(r => (r.Type == RelationType.Organises || r.Type == RelationType.Hosts) && r.From.Kind == NodeKind.Organisation)
                .Select(r => (Organisation)r.From),
            OrganisationListing.Fields.Filter);
        return listing;
    }
}
