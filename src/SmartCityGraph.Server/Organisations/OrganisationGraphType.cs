using SmartCityGraph.GraphQL.Faceting;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Pilots;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.EventSeries;

namespace SmartCityGraph.Server.Organisations;

public sealed class OrganisationGraphType : ObjectGraphType<Organisation>
{
    public OrganisationGraphType()
    {
        Name = "Organisation";
        this.AddEntityFields("An organisation or body involved in the process; `title` is its name.");
        Field<OrganisationTypeGraphType>("type").Reads(e => e.Type).Resolve(ctx => ctx.Source.Type);
        Field<StringGraphType>("url").Reads(e => e.Url).Resolve(ctx => ctx.Source.Url);
        Field<StringGraphType>("abbreviation").Reads(e => e.Abbreviation).Resolve(ctx => ctx.Source.Abbreviation);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .Description("Other names the sources give, such as a ministry's later name (searchable).")
            .Reads(e => e.Aliases).Resolve(ctx => ctx.Source.Aliases);
        Field<NonNullGraphType<EventsConnectionGraphType>>("events")
            .Description("Events it organised or hosted.")
            .Reads(e => e.Id)
            .ResolveNeighbourPage(OrganisationRelations.Events, "Organisation.events", EventListing.Fields);
        Field<NonNullGraphType<PilotsConnectionGraphType>>("pilots")
            .Description("Pilots it leads, partners in or funds.")
            .Reads(e => e.Id)
            .ResolveNeighbourPage(OrganisationRelations.Pilots, "Organisation.pilots", PilotListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeriesGraphType>>>>("selectedBy")
            .Description("Calls that selected it from their applicants.")
            .Reads(e => e.Id)
            .ResolveNeighbours(OrganisationRelations.SelectedBy, SeriesListing.Fields);
    }
}

internal static class OrganisationRelations
{
    public static readonly RelationSpec Events = RelationSpec.Out(NodeKind.Event, RelationType.Organises, RelationType.Hosts);
    public static readonly RelationSpec Pilots = RelationSpec.Out(NodeKind.Pilot, RelationType.Leads, RelationType.PartnerIn, RelationType.Funds);
    public static readonly RelationSpec SelectedBy = RelationSpec.In(NodeKind.Series, RelationType.Selects);
}

public sealed class OrganisationTypeGraphType : EnumerationGraphType<OrganisationType>
{
    public OrganisationTypeGraphType() => Name = "OrganisationType";
}

public sealed class OrganisationsConnectionGraphType : ConnectionGraphType<OrganisationGraphType, Organisation>
{
    public OrganisationsConnectionGraphType() : base("OrganisationsConnection") => this.AddFacets(OrganisationListing.Fields.Facets);
}
