using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Collections;

internal static class CollectionListing
{
    public static readonly EntityListing<Collection> Fields = Create();

    private static EntityListing<Collection> Create()
    {
        var listing = EntityListing<Collection>.Create("Collection").FilterableAndFacetable("contentKnown", c => c.ContentKnown);
        listing.Filter.Relation("events", CollectionRelations.Events.Navigation<Collection, Event>(), () => EventListing.Fields.Filter);
        return listing;
    }
}
