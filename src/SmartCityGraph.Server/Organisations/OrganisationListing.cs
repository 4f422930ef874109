using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Organisations;

internal static class OrganisationListing
{
    public static readonly EntityListing<Organisation> Fields = EntityListing<Organisation>.Create("Organisation")
        .FilterableAndFacetable("type", o => o.Type)
        .FilterableAndSortable("abbreviation", o => o.Abbreviation)
        .Filterable("url", o => o.Url);
}
