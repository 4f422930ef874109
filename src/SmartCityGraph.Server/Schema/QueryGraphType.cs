using GraphQL.Types;
using SmartCityGraph.GraphQL.Filtering;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Graph;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Live;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Search;
using SmartCityGraph.Server.Strategies;
using SmartCityGraph.Server.StrategyElements;
using SmartCityGraph.Server.Timeline;
using SmartCityGraph.Server.Collections;
using SmartCityGraph.Server.Documents;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Results;
using SmartCityGraph.Server.Terms;

namespace SmartCityGraph.Server.Schema;

public sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        Description = "The knowledge graph of Berlin's Smart City strategy process (2020–2022).";
        this.AddNodeQueries();
        var types = new GeneratedTypes(); // filter and sort inputs shared between the connections
        this.AddRootConnection<StrategiesConnectionGraphType, Strategy>("strategies", "The strategies the process produced or fed.", StrategyListing.Fields, types);
        this.AddRootConnection<PhasesConnectionGraphType, Phase>("phases", "The phases of the process, at every level.", PhaseListing.Fields, types);
        this.AddRootConnection<EventsConnectionGraphType, Event>("events", "Participation and network events.", EventListing.Fields, types);
        this.AddRootConnection<OrganisationsConnectionGraphType, Organisation>("organisations", "Organisations and bodies involved.", OrganisationListing.Fields, types);
        this.AddRootConnection<PilotsConnectionGraphType, Pilot>("pilots", "The pilot projects.", PilotListing.Fields, types);
        this.AddRootConnection<StrategyElementsConnectionGraphType, StrategyElement>("strategyElements", "Guiding ideas, principles, values, fields of action, …", StrategyElementListing.Fields, types);
        this.AddRootConnection<ParticipationStrandsConnectionGraphType, ParticipationStrand>("participationStrands", "The four strands of the participation process.", ParticipationStrandListing.Fields, types);
        this.AddRootConnection<DocumentsConnectionGraphType, Document>("documents", "Documents of the process, such as the participation concept.", DocumentListing.Fields, types);
        this.AddRootConnection<ResultsConnectionGraphType, Result>("results", "Results of the participation process, traced to what fed them and what they informed.", ResultListing.Fields, types);
        this.AddRootConnection<TermsConnectionGraphType, Term>("terms", "Terms the process defined, with the source's own definition.", TermListing.Fields, types);
        this.AddRootConnection<CollectionsConnectionGraphType, Collection>("collections", "The parts of the original knowledge store, and what is known of them.", CollectionListing.Fields, types);
        this.AddRootConnection<SeriesConnectionGraphType, Series>("series", "Series of events not all dated (future workshops, a call, planned sessions) and outside events.", SeriesListing.Fields, types);
        this.AddSearchQuery();
        this.AddGraphQueries();
        this.AddTimelineQuery();
        this.AddHistoryQueries();
        this.AddLiveQueries();
        // The graph as it stood at an instant: these fields and everything below them.
        this.AddAsOf("node", "nodes", "strategies", "phases", "events", "organisations", "pilots", "strategyElements", "participationStrands",
            "documents", "results", "terms", "collections", "series", "graph", "paths");
    }
}
