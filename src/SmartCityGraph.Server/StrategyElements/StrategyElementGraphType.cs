using SmartCityGraph.GraphQL.Faceting;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.StrategyElements;

public sealed class StrategyElementGraphType : ObjectGraphType<StrategyElement>
{
    public StrategyElementGraphType()
    {
        Name = "StrategyElement";
        this.AddEntityFields("A part of a strategy: a guiding idea, principle, value, future perspective, field of action, …");
        Field<NonNullGraphType<StrategyElementTypeGraphType>>("type").Reads(e => e.Type).Resolve(ctx => ctx.Source.Type);
        Field<EntityInterface>("partOf").Description("The strategy or element this belongs to.")
            .Reads(e => e.Id)
            .ResolveNeighbour<StrategyElement, Entity>(StrategyElementRelations.PartOf);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyElementGraphType>>>>("children")
            .Reads(e => e.Id)
            .ResolveNeighbours(StrategyElementRelations.Children, StrategyElementListing.Fields);
    }
}

internal static class StrategyElementRelations
{
    public static readonly RelationSpec PartOf = new(Direction.Out, [RelationType.PartOf], null);
    public static readonly RelationSpec Children = RelationSpec.In(NodeKind.StrategyElement, RelationType.PartOf);
}

public sealed class StrategyElementTypeGraphType : EnumerationGraphType<StrategyElementType>
{
    public StrategyElementTypeGraphType() => Name = "StrategyElementType";
}

public sealed class StrategyElementsConnectionGraphType : ConnectionGraphType<StrategyElementGraphType, StrategyElement>
{
    public StrategyElementsConnectionGraphType() : base("StrategyElementsConnection") => this.AddFacets(StrategyElementListing.Fields.Facets);
}
