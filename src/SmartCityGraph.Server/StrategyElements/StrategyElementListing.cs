using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.StrategyElements;

internal static class StrategyElementListing
{
    public static readonly EntityListing<StrategyElement> Fields = EntityListing<StrategyElement>.Create("StrategyElement")
        .FilterableAndFacetable("type", s => s.Type);
}
