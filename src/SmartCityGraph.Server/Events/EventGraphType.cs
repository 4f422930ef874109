using GraphQL;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Projection;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Documents;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Results;

namespace SmartCityGraph.Server.Events;

public sealed class EventGraphType : ObjectGraphType<Event>
{
    public EventGraphType()
    {
        Name = "Event";
        this.AddEntityFields("A dated event of the strategy process: a workshop, forum, consultation, decision, …");
        Field<NonNullGraphType<CalendarDateGraphType>>("startDate").Reads(e => e.StartDate).Resolve(ctx => ctx.Source.StartDate);
        Field<CalendarDateGraphType>("endDate").Description("Null for a one-day event.").Reads(e => e.EndDate).Resolve(ctx => ctx.Source.EndDate);
        Field<NonNullGraphType<EventStatusGraphType>>("status")
            .Description("Derived from the dates and today's date (Berlin), unless cancelled — also under `asOf`, which changes the data, not the day.")
            .Argument<CalendarDateGraphType>("on", "The status on this day instead of today, e.g. the day of an `asOf`.")
            .Reads(e => e.Cancelled, e => e.StartDate, e => e.EndDate) // what EventStatusRule.StatusOn reads
            .Resolve(ctx => ctx.Source.StatusOn(ctx.GetArgument<DateOnly?>("on") ?? ctx.Today()));
        Field<EventStatusGraphType>("recordedStatus")
            .Description("The status the source recorded; it may be stale (a 2022 event still \"planned\").")
            .Reads(e => e.RecordedStatus)
            .Resolve(ctx => ctx.Source.RecordedStatus);
        Field<NonNullGraphType<EventCategoryGraphType>>("category").Reads(e => e.Category).Resolve(ctx => ctx.Source.Category);
        Field<EventTypeGraphType>("type").Reads(e => e.Type).Resolve(ctx => ctx.Source.Type);
        Field<StringGraphType>("url").Reads(e => e.Url).Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<BooleanGraphType>>("titleKnown")
            .Description("False when the title is a placeholder because the source gives none.")
            .Reads(e => e.TitleKnown)
            .Resolve(ctx => ctx.Source.TitleKnown);
        Field<IntGraphType>("timelineRow")
            .Description("Position in the original knowledge store's timeline (Zeitschiene), top to bottom.")
            .Reads(e => e.TimelineRow)
            .Resolve(ctx => ctx.Source.TimelineRow);
        Field<PhaseGraphType>("phase").Reads(e => e.Id).ResolveNeighbour<Event, Phase>(EventRelations.Phase);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("organisers")
            .Reads(e => e.Id)
            .ResolveNeighbours(EventRelations.Organisers, OrganisationListing.Fields);
        Field<PilotGraphType>("pilot").Reads(e => e.Id).ResolveNeighbour<Event, Pilot>(EventRelations.Pilot);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipationStrandGraphType>>>>("strands")
            .Description("The participation strands this event belongs to.")
            .Reads(e => e.Id)
            .ResolveNeighbours(EventRelations.Strands, ParticipationStrandListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeriesGraphType>>>>("series")
            .Description("The series this event is part of (the future workshops, a call, an outside event such as re:publica).")
            .Reads(e => e.Id)
            .ResolveNeighbours(EventRelations.Series, SeriesListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResultGraphType>>>>("results")
            .Description("Results this event presented, commented on or fed (`relations` says which).")
            .Reads(e => e.Id)
            .ResolveNeighbours(EventRelations.Results, ResultListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DocumentGraphType>>>>("documents")
            .Description("Documents this event presented.")
            .Reads(e => e.Id)
            .ResolveNeighbours(EventRelations.Documents, DocumentListing.Fields);
    }
}

internal static class EventRelations
{
    public static readonly RelationSpec Phase = RelationSpec.Out(NodeKind.Phase, RelationType.PartOf);
    public static readonly RelationSpec Strands = RelationSpec.Out(NodeKind.ParticipationStrand, RelationType.PartOf);
    public static readonly RelationSpec Pilot = RelationSpec.Out(NodeKind.Pilot, RelationType.Concerns);
    public static readonly RelationSpec Organisers = RelationSpec.In(NodeKind.Organisation, RelationType.Organises, RelationType.Hosts);
    public static readonly RelationSpec Series = RelationSpec.Out(NodeKind.Series, RelationType.PartOf);
    public static readonly RelationSpec Results = RelationSpec.Out(NodeKind.Result, RelationType.Presents, RelationType.Concerns, RelationType.ContributesTo);
    public static readonly RelationSpec Documents = RelationSpec.Out(NodeKind.Document, RelationType.Presents);
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
