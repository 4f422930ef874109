using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Graph;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Search;
using SmartCityGraph.Server.Strategies;
using SmartCityGraph.Server.StrategyElements;
using SmartCityGraph.Server.Timeline;

namespace SmartCityGraph.Server.Schema;

public sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        Description = "The knowledge graph of Berlin's Smart City strategy process (2020–2022).";
        this.AddNodeQueries();
        this.AddRootConnection<StrategiesConnectionGraphType, Strategy>("strategies", "The strategies the process produced or fed.");
        this.AddRootConnection<PhasesConnectionGraphType, Phase>("phases", "The phases of the process, at every level.");
        this.AddRootConnection<EventsConnectionGraphType, Event>("events", "Participation and network events.");
        this.AddRootConnection<OrganisationsConnectionGraphType, Organisation>("organisations", "Organisations and bodies involved.");
        this.AddRootConnection<PilotsConnectionGraphType, Pilot>("pilots", "The pilot projects.");
        this.AddRootConnection<StrategyElementsConnectionGraphType, StrategyElement>("strategyElements", "Guiding ideas, principles, values, fields of action, …");
        this.AddRootConnection<ParticipationStrandsConnectionGraphType, ParticipationStrand>("participationStrands", "The four strands of the participation process.");
        this.AddSearchQuery();
        this.AddGraphQueries();
        this.AddTimelineQuery();
    }
}
