using System.Globalization;
using GraphQL.Types;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Scalars;
using SmartCityGraph.GraphQL.Sorting;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.History;

/// <summary>One recorded change: who made it when, to what, what it was before and after, why and on which sources.</summary>
public sealed class RevisionGraphType : ObjectGraphType<Revision>
{
    public const string TypeName = "Revision";

    public RevisionGraphType()
    {
        Name = TypeName;
        Description = "One change of one entity or relation, recorded in the same transaction as the change itself.";
        Interface<NodeInterface>();
        IsTypeOf = value => value is Revision;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => IdOf(ctx.Source.Number));
        Field<NonNullGraphType<IntGraphType>>("number").Description("Gapless, in commit order: `revisions` and `asOf` count in these.").Resolve(ctx => ctx.Source.Number);
        Field<NonNullGraphType<InstantGraphType>>("at")
            .Description("When it was made (UTC, to the microsecond); `asOf` this instant shows the graph exactly after this revision.")
            .Resolve(ctx => Instant(ctx.Source.At));
        Field<NonNullGraphType<StringGraphType>>("actor").Description("The editor's name from the sign-in token, or \"seed import\".").Resolve(ctx => ctx.Source.Actor);
        Field<NonNullGraphType<RevisionActionGraphType>>("action").Resolve(ctx => ctx.Source.Action);
        Field<NodeInterface>("subject")
            .Description("The entity or relation changed, as it is now (as it was, under `asOf`); null when it no longer exists.")
            .Resolve(ctx => ctx.Source.SubjectType == RevisionSubject.Entity
                ? ctx.Graph().EntityById(ctx.Source.SubjectRowId)
                : ctx.Graph().RelationById(ctx.Source.SubjectRowId));
        Field<NonNullGraphType<IdGraphType>>("subjectId").Description("The id of the entity or relation changed, even when it no longer exists.")
            .Resolve(ctx => SubjectId(ctx.Source));
        Field<NodeKindGraphType>("subjectKind").Description("The kind of the entity changed; null for a relation.").Resolve(ctx => ctx.Source.SubjectKind);
        Field<RelationTypeGraphType>("relationType").Description("The type of the relation changed; null for an entity.").Resolve(ctx => ctx.Source.RelationType);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The subject's version after this change (for a deletion: the one after its last).")
            .Resolve(ctx => ctx.Source.Version);
        Field<JsonGraphType>("before").Description("The subject's fields before the change, as the API names them; null when it did not exist.")
            .Resolve(ctx => RevisionImages.Tree(ctx.Source.Before));
        Field<JsonGraphType>("after").Description("The subject's fields after the change; null when it no longer exists.")
            .Resolve(ctx => RevisionImages.Tree(ctx.Source.After));
        Field<StringGraphType>("comment").Resolve(ctx => ctx.Source.Comment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceGraphType>>>>("sources").Description("What the change cites.").Resolve(ctx => ctx.Source.Sources);
        Field<RevisionGraphType>("reverts").Description("For a REVERT: the revision whose change it undid.")
            .Resolve(ctx => ctx.Source.Reverts is { } number ? ctx.Graph().RevisionByNumber(number) : null);
    }

    public static string IdOf(int number) => GlobalId.Encode(TypeName, number.ToString(CultureInfo.InvariantCulture));

    public static string SubjectId(Revision revision) => revision.SubjectType == RevisionSubject.Entity
        ? GlobalId.Encode(revision.SubjectKind!.Value.ToString(), revision.SubjectKey)
        : GlobalId.Encode(RelationGraphType.TypeName, revision.SubjectKey);

    public static DateTimeOffset Instant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}

public sealed class RevisionActionGraphType : EnumerationGraphType<RevisionAction>
{
    public RevisionActionGraphType()
    {
        Name = "RevisionAction";
        Description = "CREATE, UPDATE, DELETE by editors; REVERT of an earlier revision by an admin; IMPORT from the seed.";
    }
}

public sealed class RevisionsConnectionGraphType() : ConnectionGraphType<RevisionGraphType, Revision>(
    "RevisionsConnection", "Revisions, oldest first, with cursors to the pages that follow.");

/// <summary>Revisions page in number order (the order they were committed).</summary>
public static class RevisionOrder
{
    public static readonly SortOrder<Revision> Default = new SortableFields<Revision>("Revision", "number", r => r.Number).Default;
}
