using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Collections;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Organisations;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Documents;

public sealed class DocumentGraphType : ObjectGraphType<Document>
{
    public DocumentGraphType()
    {
        Name = "Document";
        this.AddEntityFields("A document of the process the sources name, such as the participation concept; where it was presented.");
        Field<StringGraphType>("url").Description("Only where a source gives the address.").Reads(e => e.Url).Resolve(ctx => ctx.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("presentedAt")
            .Description("Events where it was presented.")
            .Reads(e => e.Id).ResolveNeighbours(DocumentRelations.PresentedAt, EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationGraphType>>>>("publishers")
            .Reads(e => e.Id).ResolveNeighbours(DocumentRelations.Publishers, OrganisationListing.Fields);
        Field<CollectionGraphType>("partOf").Description("The part of the knowledge store that holds it.")
            .Reads(e => e.Id).ResolveNeighbour<Document, Collection>(DocumentRelations.PartOf);
    }
}

internal static class DocumentRelations
{
    public static readonly RelationSpec PresentedAt = RelationSpec.In(NodeKind.Event, RelationType.Presents);
    public static readonly RelationSpec Publishers = RelationSpec.In(NodeKind.Organisation, RelationType.Publishes);
    public static readonly RelationSpec PartOf = RelationSpec.Out(NodeKind.Collection, RelationType.PartOf);
}

public sealed class DocumentsConnectionGraphType() : ConnectionGraphType<DocumentGraphType, Document>("DocumentsConnection");
