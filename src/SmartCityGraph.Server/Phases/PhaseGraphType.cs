using SmartCityGraph.GraphQL.Faceting;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Results;
using SmartCityGraph.Server.Strategies;

namespace SmartCityGraph.Server.Phases;

public sealed class PhaseGraphType : ObjectGraphType<Phase>
{
    public PhaseGraphType()
    {
        Name = "Phase";
        this.AddEntityFields("A stage of the strategy process; stages nest (parent, children).");
        Field<CalendarDateGraphType>("startDate").Reads(e => e.StartDate).Resolve(ctx => ctx.Source.StartDate);
        Field<CalendarDateGraphType>("endDate").Reads(e => e.EndDate).Resolve(ctx => ctx.Source.EndDate);
        Field<PhaseGraphType>("parent").Reads(e => e.Id).ResolveNeighbour<Phase, Phase>(PhaseRelations.Parent);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PhaseGraphType>>>>("children").Reads(e => e.Id).ResolveNeighbours(PhaseRelations.Children, PhaseListing.Fields);
        Field<StrategyGraphType>("strategy").Description("The strategy this phase produced.").Reads(e => e.Id).ResolveNeighbour<Phase, Strategy>(PhaseRelations.Strategy);
        Field<NonNullGraphType<EventsConnectionGraphType>>("events").Reads(e => e.Id).ResolveNeighbourPage(PhaseRelations.Events, "Phase.events", EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeriesGraphType>>>>("series")
            .Description("Series of this phase whose events are not all dated, such as the future workshops.")
            .Reads(e => e.Id).ResolveNeighbours(PhaseRelations.Series, SeriesListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResultGraphType>>>>("results")
            .Description("Results produced in this phase.")
            .Reads(e => e.Id).ResolveNeighbours(PhaseRelations.Results, ResultListing.Fields);
    }
}

internal static class PhaseRelations
{
    public static readonly RelationSpec Parent = RelationSpec.Out(NodeKind.Phase, RelationType.PartOf);
    public static readonly RelationSpec Children = RelationSpec.In(NodeKind.Phase, RelationType.PartOf);
    public static readonly RelationSpec Strategy = RelationSpec.In(NodeKind.Strategy, RelationType.ProducedIn);
    public static readonly RelationSpec Events = RelationSpec.In(NodeKind.Event, RelationType.PartOf);
    public static readonly RelationSpec Series = RelationSpec.In(NodeKind.Series, RelationType.PartOf);
    public static readonly RelationSpec Results = RelationSpec.In(NodeKind.Result, RelationType.ProducedIn);
}

public sealed class PhasesConnectionGraphType : ConnectionGraphType<PhaseGraphType, Phase>
{
    public PhasesConnectionGraphType() : base("PhasesConnection") => this.AddFacets(PhaseListing.Fields.Facets);
}
