using SmartCityGraph.GraphQL.Faceting;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.EventSeries;

namespace SmartCityGraph.Server.Pilots;

public sealed class PilotGraphType : ObjectGraphType<Pilot>
{
    public PilotGraphType()
    {
        Name = "Pilot";
        this.AddEntityFields("One of the five pilot projects funded within Modellprojekte Smart Cities.");
        Field<StringGraphType>("seedTitle").Description("The project's name in the original knowledge store.").Reads(e => e.SeedTitle).Resolve(ctx => ctx.Source.SeedTitle);
        Field<CalendarDateGraphType>("startDate").Reads(e => e.StartDate).Resolve(ctx => ctx.Source.StartDate);
        Field<CalendarDateGraphType>("endDate").Reads(e => e.EndDate).Resolve(ctx => ctx.Source.EndDate);
        Field<StringGraphType>("url").Reads(e => e.Url).Resolve(ctx => ctx.Source.Url);
        Field<OrganisationGraphType>("lead").Reads(e => e.Id).ResolveNeighbour<Pilot, Organisation>(PilotRelations.Lead);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("partners").Reads(e => e.Id).ResolveNeighbours(PilotRelations.Partners, OrganisationListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("funders").Reads(e => e.Id).ResolveNeighbours(PilotRelations.Funders, OrganisationListing.Fields);
        Field<NonNullGraphType<EventsConnectionGraphType>>("events")
            .Description("Events about this pilot, such as its participation workshops.")
            .Reads(e => e.Id)
            .ResolveNeighbourPage(PilotRelations.Events, "Pilot.events", EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeriesGraphType>>>>("series")
            .Description("Series about this pilot whose events are not all dated, such as the January 2022 participation workshops.")
            .Reads(e => e.Id)
            .ResolveNeighbours(PilotRelations.Series, SeriesListing.Fields);
    }
}

internal static class PilotRelations
{
    public static readonly RelationSpec Lead = RelationSpec.In(NodeKind.Organisation, RelationType.Leads);
    public static readonly RelationSpec Partners = RelationSpec.In(NodeKind.Organisation, RelationType.PartnerIn);
    public static readonly RelationSpec Funders = RelationSpec.In(NodeKind.Organisation, RelationType.Funds);
    public static readonly RelationSpec Events = RelationSpec.In(NodeKind.Event, RelationType.Concerns);
    public static readonly RelationSpec Series = RelationSpec.In(NodeKind.Series, RelationType.Concerns);
}

public sealed class PilotsConnectionGraphType : ConnectionGraphType<PilotGraphType, Pilot>
{
    public PilotsConnectionGraphType() : base("PilotsConnection") => this.AddFacets(PilotListing.Fields.Facets);
}
