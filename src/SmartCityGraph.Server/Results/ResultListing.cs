using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Schema;
using SmartCityGraph.Server.Strategies;

namespace SmartCityGraph.Server.Results;

internal static class ResultListing
{
    public static readonly EntityListing<Result> Fields = Create();

    private static EntityListing<Result> Create()
    {
        var listing = EntityListing<Result>.Create("Result").FilterableAndFacetable("type", r => r.Type);
        // The relation fields' own walks (ResultRelations), as navigations SQL can test.
        listing.Filter.Relation("presentedAt", ResultRelations.PresentedAt.Navigation<Result, Event>(), () => EventListing.Fields.Filter);
        listing.Filter.Relation("discussedIn", ResultRelations.DiscussedIn.Navigation<Result, Event>(), () => EventListing.Fields.Filter);
        listing.Filter.Relation("informs", ResultRelations.Informs.Navigation<Result, Strategy>(), () => StrategyListing.Fields.Filter);
        return listing;
    }
}
