using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Documents;

internal static class DocumentListing
{
    public static readonly EntityListing<Document> Fields = Create();

    private static EntityListing<Document> Create()
    {
        var listing = EntityListing<Document>.Create("Document").Filterable("url", d => d.Url);
        listing.Filter.Relation("presentedAt", DocumentRelations.PresentedAt.Navigation<Document, Event>(), () => EventListing.Fields.Filter);
        return listing;
    }
}
