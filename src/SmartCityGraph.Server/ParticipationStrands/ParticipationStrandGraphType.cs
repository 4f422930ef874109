using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;

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
    }
}

internal static class StrandRelations
{
    public static readonly RelationSpec Events = RelationSpec.In(NodeKind.Event, RelationType.PartOf);
}

public sealed class ParticipationStrandsConnectionGraphType() : ConnectionGraphType<ParticipationStrandGraphType, ParticipationStrand>("ParticipationStrandsConnection");
