using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;

namespace SmartCityGraph.Server.Organisations;

/// <summary>What editors set on an organisation (createOrganisation, updateOrganisation).</summary>
internal static class OrganisationEditing
{
    public static readonly EntityEditing<Organisation> Fields =
        new EntityEditing<Organisation>("Organisation", typeof(OrganisationGraphType), () => new Organisation { Key = "", Title = "" })
            .Field<OrganisationTypeGraphType, OrganisationType?>("type", o => o.Type)
            .Field<StringGraphType, string?>("url", o => o.Url, "An absolute http(s) URL.")
            .Field<StringGraphType, string?>("abbreviation", o => o.Abbreviation)
            .Field<ListGraphType<NonNullGraphType<StringGraphType>>, List<string>>("aliases", o => o.Aliases, "Other names the sources use for it.", optionalOnCreate: true);
}
