using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Results;

namespace SmartCityGraph.Server.EventSeries;

/// <summary>
/// Events the sources describe as a whole without dating each (the future workshops, the executive interviews, a
/// call, a body's sessions) or an outside event the process took part in. Numbers and dates only as the sources give them.
/// </summary>
public sealed class SeriesGraphType : ObjectGraphType<Series>
{
    public SeriesGraphType()
    {
        Name = "Series";
        this.AddEntityFields("Events the sources describe as a whole without dating each (more than 20 future workshops, a call, planned sessions) "
                             + "or an outside event the process took part in; its dated events are listed in `events`.");
        Field<NonNullGraphType<SeriesTypeGraphType>>("type").Reads(e => e.Type).Resolve(ctx => ctx.Source.Type);
        Field<CalendarDateGraphType>("startDate").Description("Only where the sources date the series as a whole.").Reads(e => e.StartDate).Resolve(ctx => ctx.Source.StartDate);
        Field<CalendarDateGraphType>("endDate").Reads(e => e.EndDate).Resolve(ctx => ctx.Source.EndDate);
        Field<IntGraphType>("size").Description("How many parts the sources state (see sizeQualifier); null when they give no number.")
            .Reads(e => e.Size).Resolve(ctx => ctx.Source.Size);
        Field<SizeQualifierGraphType>("sizeQualifier").Reads(e => e.SizeQualifier).Resolve(ctx => ctx.Source.SizeQualifier);
        Field<NonNullGraphType<EventsConnectionGraphType>>("events")
            .Description("Its events that the sources date.")
            .Reads(e => e.Id).ResolveNeighbourPage(SeriesRelations.Events, "Series.events", EventListing.Fields);
        Field<PhaseGraphType>("phase").Reads(e => e.Id).ResolveNeighbour<Series, Phase>(SeriesRelations.Phase);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipationStrandGraphType>>>>("strands")
            .Reads(e => e.Id).ResolveNeighbours(SeriesRelations.Strands, ParticipationStrandListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PilotGraphType>>>>("pilots")
            .Description("Pilots it was about.")
            .Reads(e => e.Id).ResolveNeighbours(SeriesRelations.Pilots, PilotListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("selected")
            .Description("Organisations a call selected from its applicants.")
            .Reads(e => e.Id).ResolveNeighbours(SeriesRelations.Selected, OrganisationListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResultGraphType>>>>("contributesTo")
            .Description("Results it fed.")
            .Reads(e => e.Id).ResolveNeighbours(SeriesRelations.ContributesTo, ResultListing.Fields);
    }
}

internal static class SeriesRelations
{
    public static readonly RelationSpec Events = RelationSpec.In(NodeKind.Event, RelationType.PartOf);
    public static readonly RelationSpec Phase = RelationSpec.Out(NodeKind.Phase, RelationType.PartOf);
    public static readonly RelationSpec Strands = RelationSpec.Out(NodeKind.ParticipationStrand, RelationType.PartOf);
    public static readonly RelationSpec Pilots = RelationSpec.Out(NodeKind.Pilot, RelationType.Concerns);
    public static readonly RelationSpec Selected = RelationSpec.Out(NodeKind.Organisation, RelationType.Selects);
    public static readonly RelationSpec ContributesTo = RelationSpec.Out(NodeKind.Result, RelationType.ContributesTo);
}

public sealed class SeriesTypeGraphType : EnumerationGraphType<SeriesType>
{
    public SeriesTypeGraphType() => Name = "SeriesType";
}

public sealed class SizeQualifierGraphType : EnumerationGraphType<SizeQualifier>
{
    public SizeQualifierGraphType()
    {
        Name = "SizeQualifier";
        Description = "How exact a stated number is: EXACTLY, MORE_THAN (\"über 20\"), ABOUT, PLANNED.";
    }
}

public sealed class SeriesConnectionGraphType : ConnectionGraphType<SeriesGraphType, Series>
{
    public SeriesConnectionGraphType() : base("SeriesConnection") => this.AddFacets(SeriesListing.Fields.Facets);
}
