using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Results;

namespace SmartCityGraph.Server.ParticipationStrands;

public sealed class ParticipationStrandGraphType : ObjectGraphType<ParticipationStrand>
{
    public ParticipationStrandGraphType()
    {
        Name = "ParticipationStrand";
        this.AddEntityFields("One of the four strands of the participation process (Stadtgremium, administration, experts, public formats).");
        Field<NonNullGraphType<EventsConnectionGraphType>>("events")
            .Reads(e => e.Id)
            .ResolveNeighbourPage(StrandRelations.Events, "ParticipationStrand.events", EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResultGraphType>>>>("results")
            .Description("Results this strand helped develop.")
            .Reads(e => e.Id)
            .ResolveNeighbours(StrandRelations.Results, ResultListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeriesGraphType>>>>("series")
            .Reads(e => e.Id)
            .ResolveNeighbours(StrandRelations.Series, SeriesListing.Fields);
    }
}

internal static class StrandRelations
{
    public static readonly RelationSpec Events = RelationSpec.In(NodeKind.Event, RelationType.PartOf);
    public static readonly RelationSpec Results = RelationSpec.Out(NodeKind.Result, RelationType.ContributesTo);
    public static readonly RelationSpec Series = RelationSpec.In(NodeKind.Series, RelationType.PartOf);
}

public sealed class ParticipationStrandsConnectionGraphType() : ConnectionGraphType<ParticipationStrandGraphType, ParticipationStrand>("ParticipationStrandsConnection");
