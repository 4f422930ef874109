using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Collections;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Terms;

public sealed class TermGraphType : ObjectGraphType<Term>
{
    public TermGraphType()
    {
        Name = "Term";
        this.AddEntityFields("A term the process defined, such as Berlin's short Smart City definition; `definition` is the source's own text.");
        Field<StringGraphType>("definition")
            .Description("The definition verbatim as the source gives it (in German), paragraphs separated by line breaks.")
            .Reads(e => e.Definition).Resolve(ctx => ctx.Source.Definition);
        Field<CollectionGraphType>("partOf").Description("The part of the knowledge store that holds it.")
            .Reads(e => e.Id).ResolveNeighbour<Term, Collection>(TermRelations.PartOf);
    }
}

internal static class TermRelations
{
    public static readonly RelationSpec PartOf = RelationSpec.Out(NodeKind.Collection, RelationType.PartOf);
}

internal static class TermListing
{
    public static readonly EntityListing<Term> Fields = EntityListing<Term>.Create("Term");
}

public sealed class TermsConnectionGraphType() : ConnectionGraphType<TermGraphType, Term>("TermsConnection");
