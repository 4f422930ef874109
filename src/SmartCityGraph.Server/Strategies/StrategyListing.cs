using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Strategies;

internal static class StrategyListing
{
    public static readonly EntityListing<Strategy> Fields = EntityListing<Strategy>.Create("Strategy")
        .FilterableAndSortable("adoptedOn", s => s.AdoptedOn)
        .Filterable("url", s => s.Url)
        .DateFacets("adoptedOn", "adopted", s => s.AdoptedOn);
}
