using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.EventSeries;

internal static class SeriesListing
{
    public static readonly EntityListing<Series> Fields = Create();

    private static EntityListing<Series> Create()
    {
        var listing = EntityListing<Series>.Create("Series")
            .FilterableAndFacetable("type", s => s.Type)
            .FilterableAndSortable("startDate", s => s.StartDate)
            .FilterableAndSortable("endDate", s => s.EndDate)
            .FilterableAndSortable("size", s => s.Size)
            .FilterableAndFacetable("sizeQualifier", s => s.SizeQualifier);
        listing.Filter.Relation("events", SeriesRelations.Events.Navigation<Series, Event>(), () => EventListing.Fields.Filter);
        return listing;
    }
}
