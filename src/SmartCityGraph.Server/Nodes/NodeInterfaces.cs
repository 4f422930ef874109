using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.AbstractTypes;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Projection;
using GraphQL;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Nodes;

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "Anything with a global id that `node(id:)` finds again: entities, relations, revisions.";
        this.ResolveByClrType(); // each possible type's IsTypeOf is `value is T`
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.");
    }
}

public sealed class EntityInterface : InterfaceGraphType<Entity>
{
    public EntityInterface()
    {
        Name = "Entity";
        Description = "A node of the knowledge graph: a strategy, phase, event, organisation, pilot, …";
        this.ResolveByClrType(); // each possible type's IsTypeOf is `value is T`
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.");
        Field<NonNullGraphType<NodeKindGraphType>>("kind");
        Field<NonNullGraphType<StringGraphType>>("title").Description(TitleDescription).Argument<LanguageGraphType>(LocalisedText.LanguageArgument, LanguageDescription);
        Field<StringGraphType>("summary").Description(SummaryDescription).Argument<LanguageGraphType>(LocalisedText.LanguageArgument, LanguageDescription);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceGraphType>>>>("sources");
        Field<NonNullGraphType<RelationsConnectionGraphType>>("relations").RelationsArguments();
        Field<NonNullGraphType<StringGraphType>>("citation").Description(CitationDescription);
        Field<NonNullGraphType<IntGraphType>>("version").Description(VersionDescription);
        Field<NonNullGraphType<RevisionsConnectionGraphType>>("history").Description(HistoryDescription)
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after");
    }

    internal const string TitleDescription =
        "The title in `lang` where the sources give one in that language, else the original (as the sources give it). "
        + "Without `lang`, the request's Accept-Language (de or en) chooses; without either, the original.";

    internal const string SummaryDescription =
        "A short description in our own words: English, and German where a German passage was condensed. "
        + "`lang` (or Accept-Language) as for `title`; without a German summary, DE gives the English one.";

    internal const string LanguageDescription = "DE or EN; leave out to follow the request's Accept-Language.";

    internal const string CitationDescription =
        "A ready-to-paste citation: title, kind, the data set's version (a hash of the seed it was imported from), the revision that last " +
        "changed the entity and its time (ask `node(id:, asOf:)` that time to see exactly what was cited), the id and the first source.";

    internal const string VersionDescription = "1 when created, one more with every change; updates and deletes name the version they read (`expectedVersion`).";

    internal const string HistoryDescription = "Every revision of this entity, oldest first: who changed what, when, why and on which sources.";
}

public sealed class NodeKindGraphType : EnumerationGraphType<NodeKind>
{
    public NodeKindGraphType()
    {
        Name = "NodeKind";
        Description = "What an entity is.";
    }
}

/// <summary>The fields every entity type shares, resolved the same way for every kind.</summary>
internal static class EntityFields
{
    public static void AddEntityFields<T>(this ObjectGraphType<T> type, string description) where T : Entity
    {
        type.Description = description;
        type.Interface<NodeInterface>();
        type.Interface<EntityInterface>();
        type.IsTypeOf = value => value is T;
        // Id: relation loaders and cursors key on it. Key: with the kind (set by each type's constructor) it names
        // the entity, so every loaded entity can still say which one it is.
        type.AlwaysReads(e => e.Id, e => e.Key);
        type.Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.")
            .Reads(e => e.Kind, e => e.Key)
            .Resolve(ctx => GlobalId.Encode(ctx.Source.Kind.ToString(), ctx.Source.Key));
        type.Field<NonNullGraphType<NodeKindGraphType>>("kind").Reads(e => e.Kind).Resolve(ctx => ctx.Source.Kind);
        type.Field<NonNullGraphType<StringGraphType>>("title").Description(EntityInterface.TitleDescription)
            .Argument<LanguageGraphType>(LocalisedText.LanguageArgument, EntityInterface.LanguageDescription)
            .Reads(e => e.Title, e => e.TitleDe, e => e.TitleEn)
            .Resolve(ctx => ctx.Source.TitleIn(ctx.RequestedLanguage()));
        type.Field<StringGraphType>("summary").Description(EntityInterface.SummaryDescription)
            .Argument<LanguageGraphType>(LocalisedText.LanguageArgument, EntityInterface.LanguageDescription)
            .Reads(e => e.Summary, e => e.SummaryDe)
            .Resolve(ctx => ctx.Source.SummaryIn(ctx.RequestedLanguage()));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceGraphType>>>>("sources")
            .Description("Where the facts about this entity come from.")
            .Reads(e => e.Sources)
            .Resolve(ctx => ctx.Source.Sources);
        type.Field<NonNullGraphType<RelationsConnectionGraphType>>("relations")
            .Description("The typed relations touching this entity.")
            .Reads(e => e.Id)
            .RelationsArguments()
            .ResolveRelations();
        type.Field<NonNullGraphType<StringGraphType>>("citation")
            .Description(EntityInterface.CitationDescription)
            .Reads(e => e.Title, e => e.Kind, e => e.Key, e => e.Sources, e => e.Revision, e => e.RevisedAt) // what Citation.For reads
            .Resolve(ctx => Citation.For(ctx.Source, ctx.RequestServices!.GetRequiredService<DataSet>().Version));
        type.Field<NonNullGraphType<IntGraphType>>("version").Description(EntityInterface.VersionDescription)
            .Reads(e => e.Version).Resolve(ctx => ctx.Source.Version);
        type.Field<NonNullGraphType<RevisionsConnectionGraphType>>("history").Description(EntityInterface.HistoryDescription)
            .Reads(e => e.Id)
            .Argument<IntGraphType>("first", $"Revisions from the start (default {PageRequest.DefaultPageSize}, at most {PageRequest.MaxPageSize}).")
            .Argument<StringGraphType>("after", "Start after this cursor.")
            .Resolve(ctx =>
            {
                const string scope = "Entity.history";
                var page = PageRequest.Create(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), null, null, scope);
                return ctx.Graph().HistoryPage(ctx.Source.Id, page, scope);
            });
    }
}
