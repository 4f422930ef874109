using SmartCityGraph.GraphQL.Faceting;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Events;

public sealed class EventGraphType : ObjectGraphType<Event>
{
    public EventGraphType()
    {
        Name = "Event";
        this.AddEntityFields("A dated event of the strategy process: a workshop, forum, consultation, decision, …");
        Field<NonNullGraphType<CalendarDateGraphType>>("startDate").Resolve(ctx => ctx.Source.StartDate);
        Field<CalendarDateGraphType>("endDate").Description("Null for a one-day event.").Resolve(ctx => ctx.Source.EndDate);
        Field<NonNullGraphType<EventStatusGraphType>>("status")
            .Description("Derived from the dates and today's date (Berlin), unless cancelled.")
            .Resolve(ctx => ctx.Source.StatusOn(ctx.Today()));
        Field<EventStatusGraphType>("recordedStatus")
            .Description("The status the source recorded; it may be stale (a 2022 event still \"planned\").")
            .Resolve(ctx => ctx.Source.RecordedStatus);
        Field<NonNullGraphType<EventCategoryGraphType>>("category").Resolve(ctx => ctx.Source.Category);
        Field<EventTypeGraphType>("type").Resolve(ctx => ctx.Source.Type);
        Field<StringGraphType>("url").Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<BooleanGraphType>>("titleKnown")
            .Description("False when the title is a placeholder because the source gives none.")
            .Resolve(ctx => ctx.Source.TitleKnown);
        Field<IntGraphType>("timelineRow")
            .Description("Position in the original knowledge store's timeline (Zeitschiene), top to bottom.")
            .Resolve(ctx => ctx.Source.TimelineRow);
        Field<PhaseGraphType>("phase").ResolveNeighbour<Event, Phase>(EventRelations.Phase);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("organisers")
            .ResolveNeighbours<Event, Organisation>(EventRelations.Organisers);
        Field<PilotGraphType>("pilot").ResolveNeighbour<Event, Pilot>(EventRelations.Pilot);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipationStrandGraphType>>>>("strands")
            .Description("The participation strands this event belongs to.")
            .ResolveNeighbours<Event, ParticipationStrand>(EventRelations.Strands);
    }
}

internal static class EventRelations
{
    public static readonly RelationSpec Phase = RelationSpec.Out(NodeKind.Phase, RelationType.PartOf);
    public static readonly RelationSpec Strands = RelationSpec.Out(NodeKind.ParticipationStrand, RelationType.PartOf);
    public static readonly RelationSpec Pilot = RelationSpec.Out(NodeKind.Pilot, RelationType.Concerns);
    public static readonly RelationSpec Organisers = RelationSpec.In(NodeKind.Organisation, RelationType.Organises, RelationType.Hosts);
}

public sealed class EventStatusGraphType : EnumerationGraphType<EventStatus>
{
    public EventStatusGraphType() => Name = "EventStatus";
}

public sealed class EventCategoryGraphType : EnumerationGraphType<EventCategory>
{
    public EventCategoryGraphType() => Name = "EventCategory";
}

public sealed class EventTypeGraphType : EnumerationGraphType<EventType>
{
    public EventTypeGraphType() => Name = "EventType";
}

public sealed class EventsConnectionGraphType : SmartCityGraph.GraphQL.Paging.ConnectionGraphType<EventGraphType, Event>
{
    public EventsConnectionGraphType() : base("EventsConnection") => this.AddFacets(EventListing.Fields.Facets);
}
