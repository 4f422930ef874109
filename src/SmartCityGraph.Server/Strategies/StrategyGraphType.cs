using SmartCityGraph.GraphQL.Faceting;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Results;
using SmartCityGraph.Server.StrategyElements;

namespace SmartCityGraph.Server.Strategies;

public sealed class StrategyGraphType : ObjectGraphType<Strategy>
{
    public StrategyGraphType()
    {
        Name = "Strategy";
        this.AddEntityFields("A strategy document the process produced, e.g. the Strategischer Rahmen or Gemeinsam Digital: Berlin.");
        Field<CalendarDateGraphType>("adoptedOn").Description("When the Senate adopted it.").Reads(e => e.AdoptedOn).Resolve(ctx => ctx.Source.AdoptedOn);
        Field<StringGraphType>("url").Reads(e => e.Url).Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<PhasesConnectionGraphType>>("phases")
            .Description("The phases this strategy was produced in.")
            .Reads(e => e.Id)
            .ResolveNeighbourPage(StrategyRelations.Phases, "Strategy.phases", PhaseListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyElementGraphType>>>>("elements")
            .Description("Its guiding ideas, principles, values, fields of action, …")
            .Reads(e => e.Id)
            .ResolveNeighbours(StrategyRelations.Elements, StrategyElementListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyGraphType>>>>("informs")
            .Description("Strategies this one fed into.")
            .Reads(e => e.Id)
            .ResolveNeighbours(StrategyRelations.Informs, StrategyListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResultGraphType>>>>("results")
            .Description("Results of the participation process that fed into it (participation → result → strategy).")
            .Reads(e => e.Id)
            .ResolveNeighbours(StrategyRelations.Results, ResultListing.Fields);
    }
}

internal static class StrategyRelations
{
    public static readonly RelationSpec Phases = RelationSpec.Out(NodeKind.Phase, RelationType.ProducedIn);
    public static readonly RelationSpec Elements = RelationSpec.In(NodeKind.StrategyElement, RelationType.PartOf);
    public static readonly RelationSpec Informs = RelationSpec.Out(NodeKind.Strategy, RelationType.Informs);
    public static readonly RelationSpec Results = RelationSpec.In(NodeKind.Result, RelationType.Informs);
}

public sealed class StrategiesConnectionGraphType : ConnectionGraphType<StrategyGraphType, Strategy>
{
    public StrategiesConnectionGraphType() : base("StrategiesConnection") => this.AddFacets(StrategyListing.Fields.Facets);
}
