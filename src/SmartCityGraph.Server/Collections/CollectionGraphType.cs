using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Documents;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Terms;

namespace SmartCityGraph.Server.Collections;

/// <summary>A part of the original knowledge store, and what the sources say of its content (often: nothing but its name).</summary>
public sealed class CollectionGraphType : ObjectGraphType<Collection>
{
    public CollectionGraphType()
    {
        Name = "Collection";
        this.AddEntityFields("A part of the original knowledge store (a database or page), with what the sources say of its content.");
        Field<NonNullGraphType<BooleanGraphType>>("contentKnown")
            .Description("False when the sources name this part but give none of its entries.")
            .Reads(e => e.ContentKnown).Resolve(ctx => ctx.Source.ContentKnown);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("columns")
            .Description("The column headings of a database, where the sources show them.")
            .Reads(e => e.Columns).Resolve(ctx => ctx.Source.Columns);
        Field<CollectionGraphType>("partOf").Reads(e => e.Id).ResolveNeighbour<Collection, Collection>(CollectionRelations.PartOf);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CollectionGraphType>>>>("parts")
            .Reads(e => e.Id).ResolveNeighbours(CollectionRelations.Parts, CollectionListing.Fields);
        Field<NonNullGraphType<EventsConnectionGraphType>>("events")
            .Description("The events it lists, where the sources give its entries (the 63 process dates).")
            .Reads(e => e.Id).ResolveNeighbourPage(CollectionRelations.Events, "Collection.events", EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DocumentGraphType>>>>("documents")
            .Reads(e => e.Id).ResolveNeighbours(CollectionRelations.Documents, DocumentListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TermGraphType>>>>("terms")
            .Reads(e => e.Id).ResolveNeighbours(CollectionRelations.Terms, TermListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("publishers")
            .Description("The organisations that ran it.")
            .Reads(e => e.Id).ResolveNeighbours(CollectionRelations.Publishers, OrganisationListing.Fields);
    }
}

internal static class CollectionRelations
{
    public static readonly RelationSpec PartOf = RelationSpec.Out(NodeKind.Collection, RelationType.PartOf);
    public static readonly RelationSpec Parts = RelationSpec.In(NodeKind.Collection, RelationType.PartOf);
    public static readonly RelationSpec Events = RelationSpec.In(NodeKind.Event, RelationType.PartOf);
    public static readonly RelationSpec Documents = RelationSpec.In(NodeKind.Document, RelationType.PartOf);
    public static readonly RelationSpec Terms = RelationSpec.In(NodeKind.Term, RelationType.PartOf);
    public static readonly RelationSpec Publishers = RelationSpec.In(NodeKind.Organisation, RelationType.Publishes);
}

public sealed class CollectionsConnectionGraphType : ConnectionGraphType<CollectionGraphType, Collection>
{
    public CollectionsConnectionGraphType() : base("CollectionsConnection") => this.AddFacets(CollectionListing.Fields.Facets);
}
