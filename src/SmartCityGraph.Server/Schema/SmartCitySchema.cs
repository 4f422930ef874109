using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Strategies;
using SmartCityGraph.Server.StrategyElements;
using SmartCityGraph.Server.Collections;
using SmartCityGraph.Server.Documents;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Results;
using SmartCityGraph.Server.Terms;

namespace SmartCityGraph.Server.Schema;

public sealed class SmartCitySchema : global::GraphQL.Types.Schema
{
    public SmartCitySchema(IServiceProvider services) : base(services)
    {
        Description = "SmartCityGraph: Berlin's Smart City strategy process as a knowledge graph.";
        Query = services.GetRequiredService<QueryGraphType>();
        Mutation = services.GetRequiredService<MutationGraphType>();
        Subscription = services.GetRequiredService<Live.SubscriptionGraphType>();
        // Types reached only through interfaces must be named so `node(id:)` can return them.
        RegisterType(typeof(StrategyGraphType));
        RegisterType(typeof(PhaseGraphType));
        RegisterType(typeof(EventGraphType));
        RegisterType(typeof(OrganisationGraphType));
        RegisterType(typeof(PilotGraphType));
        RegisterType(typeof(StrategyElementGraphType));
        RegisterType(typeof(ParticipationStrandGraphType));
        RegisterType(typeof(DocumentGraphType));
        RegisterType(typeof(ResultGraphType));
        RegisterType(typeof(TermGraphType));
        RegisterType(typeof(CollectionGraphType));
        RegisterType(typeof(SeriesGraphType));
        RegisterType(typeof(InstantGraphType));
        RegisterType(typeof(RevisionGraphType));
        RegisterType(typeof(Relations.RelationGraphType));
    }
}
