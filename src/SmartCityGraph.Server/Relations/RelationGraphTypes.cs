using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Schema;

namespace SmartCityGraph.Server.Relations;

public sealed class RelationGraphType : ObjectGraphType<Relation>
{
    public const string TypeName = "Relation";

    public RelationGraphType()
    {
        Name = TypeName;
        Description = "A typed, sourced link between two entities, read \"from → to\" (an organisation ORGANISES an event).";
        Interface<NodeInterface>();
        IsTypeOf = value => value is Relation;
        // What each field reads, so a walk's or a path's relations are read with those columns only.
        this.AlwaysReads(r => r.Id);
        Field<NonNullGraphType<IdGraphType>>("id").Reads().Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Field<NonNullGraphType<RelationTypeGraphType>>("type").Reads(r => r.Type).Resolve(ctx => ctx.Source.Type);
        Field<StringGraphType>("role").Description("The part the \"from\" entity plays, where the source names one.").Reads(r => r.Role).Resolve(ctx => ctx.Source.Role);
        // Each end with only what its selection reads (a page of relations with both ends read whole entities otherwise).
        Field<NonNullGraphType<EntityInterface>>("from").Reads(r => r.FromId).Resolve(ctx => ctx.Graph().EntityById(ctx.Source.FromId, ProjectionBuilder.ReadsOfValue(ctx)));
        Field<NonNullGraphType<EntityInterface>>("to").Reads(r => r.ToId).Resolve(ctx => ctx.Graph().EntityById(ctx.Source.ToId, ProjectionBuilder.ReadsOfValue(ctx)));
        Field<CalendarDateGraphType>("validFrom").Reads(r => r.ValidFrom).Resolve(ctx => ctx.Source.ValidFrom);
        Field<CalendarDateGraphType>("validTo").Reads(r => r.ValidTo).Resolve(ctx => ctx.Source.ValidTo);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceGraphType>>>>("sources").Reads(r => r.Sources).Resolve(ctx => ctx.Source.Sources);
        Field<NonNullGraphType<IntGraphType>>("version").Description(EntityInterface.VersionDescription).Reads(r => r.Version).Resolve(ctx => ctx.Source.Version);
    }
}

public sealed class SourceGraphType : ObjectGraphType<Source>
{
    public SourceGraphType()
    {
        Name = "Source";
        Description = "Provenance: where a fact was taken from, and how.";
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.Title);
        Field<StringGraphType>("url").Resolve(ctx => ctx.Source.Url);
        Field<CalendarDateGraphType>("retrievedOn").Resolve(ctx => ctx.Source.RetrievedOn);
        Field<StringGraphType>("publisher").Resolve(ctx => ctx.Source.Publisher);
        Field<StringGraphType>("note").Description("How the fact was taken from the source: matching, precision, caveats.").Resolve(ctx => ctx.Source.Note);
    }
}

public sealed class RelationTypeGraphType : EnumerationGraphType<RelationType>
{
    public RelationTypeGraphType()
    {
        Name = "RelationType";
        Description = "The meaning of a relation, read from → to; each type links only the kinds it connects.";
        // Each value says what it means and which kinds it connects, from its one declaration.
        foreach (var declaration in RelationVocabulary.All)
            Values.FindByValue(declaration.Type)!.Description =
                $"{char.ToUpperInvariant(declaration.Reads[0])}{declaration.Reads[1..]}: {string.Join(", ", declaration.Connects.Select(p => $"{p.From} → {p.To}"))}.";
    }
}

public sealed class DirectionGraphType : EnumerationGraphType<Direction>
{
    public DirectionGraphType()
    {
        Name = "Direction";
        Description = "OUT: relations from this entity; IN: relations to it; BOTH.";
    }
}

public sealed class RelationsConnectionGraphType() : ConnectionGraphType<RelationGraphType, Relation>("RelationsConnection");

internal static class RelationFields
{
    public static FieldBuilder<TSource, TReturn> RelationsArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<DirectionGraphType>("direction", arg => arg.DefaultValue = Direction.Both)
            .Argument<ListGraphType<NonNullGraphType<RelationTypeGraphType>>>("types", "Only relations of these types.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after");

    public static FieldBuilder<T, object> ResolveRelations<T>(this FieldBuilder<T, object> field) where T : Entity =>
        field.Resolve(ctx =>
        {
            const string scope = "Entity.relations";
            var page = PageRequest.Create(ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), null, null, scope);
            var types = ctx.GetArgument<List<RelationType>?>("types");
            return ctx.Graph().RelationPage(ctx.Source.Id, ctx.GetArgument("direction", Direction.Both), types, page, scope);
        });

    /// <summary>Resolves a single neighbour, e.g. an event's phase.</summary>
    public static FieldBuilder<T, object> ResolveNeighbour<T, TNeighbour>(this FieldBuilder<T, object> field, RelationSpec spec)
        where T : Entity where TNeighbour : Entity
    {
        spec.CheckAgainstVocabulary(EntityKinds.Of(typeof(T)));
        return field.Resolve(ctx => ctx.Graph().Neighbour(ctx.Source.Id, spec, ProjectionBuilder.ForItems<TNeighbour>(ctx)));
    }

    /// <summary>
    /// Resolves a short, unpaged list of neighbours, e.g. a pilot's funders, filtered and sorted as the
    /// neighbours' root connection is (<paramref name="listing"/>).
    /// </summary>
    public static FieldBuilder<T, object> ResolveNeighbours<T, TNeighbour>(
        this FieldBuilder<T, object> field, RelationSpec spec, EntityListing<TNeighbour> listing)
        where T : Entity where TNeighbour : Entity
    {
        spec.CheckAgainstVocabulary(EntityKinds.Of(typeof(T)));
        // Worked out once per field and request, not once per item (an event list's organisers resolve for every event).
        var purpose = "neighbour-reads|" + typeof(TNeighbour).Name;
        Func<IResolveFieldContext, (Projection<TNeighbour>?, ListQuery<TNeighbour>)> reads =
            ctx => (ProjectionBuilder.ForItems<TNeighbour>(ctx), listing.Query(ctx));
        field.Resolve(ctx =>
        {
            var (projection, query) = FieldMemo.GetOrAdd(ctx, purpose, reads);
            return ctx.Graph().NeighbourList(ctx.Source.Id, spec, projection, query);
        });
        listing.AddArguments(field.FieldType, types: null);
        return field;
    }

    /// <summary>
    /// Resolves a paged list of neighbours, e.g. a phase's events, filtered and sorted as the
    /// neighbours' root connection is (<paramref name="listing"/>); <paramref name="scope"/> keeps cursors to their connection.
    /// </summary>
    public static FieldBuilder<T, object> ResolveNeighbourPage<T, TChild>(
        this FieldBuilder<T, object> field, RelationSpec spec, string scope, EntityListing<TChild> listing)
        where T : Entity where TChild : Entity
    {
        spec.CheckAgainstVocabulary(EntityKinds.Of(typeof(T)));
        // Worked out once per field and request, not once per parent.
        var purpose = "neighbour-page-reads|" + typeof(TChild).Name;
        Func<IResolveFieldContext, NeighbourPageReads<TChild>> reads = ctx =>
        {
            var query = listing.Query(ctx);
            var orderedScope = scope + query.Order.Fingerprint;
            // Only the columns the selected fields read, plus the sort keys the cursors are made of.
            var projection = ProjectionBuilder.ForConnection(ctx, query.Order);
            return new NeighbourPageReads<TChild>(query, orderedScope, PageRequest.From(ctx, orderedScope), projection);
        };
        field.PagingArguments().Resolve(ctx =>
        {
            var (query, orderedScope, page, projection) = FieldMemo.GetOrAdd(ctx, purpose, reads);
            return ctx.Graph().NeighbourPage(ctx.Source.Id, spec, page, orderedScope, query, projection);
        });
        listing.AddArguments(field.FieldType, types: null);
        return field;
    }
}

/// <summary>What a paged neighbour field reads, the same for every parent of one field in one request.</summary>
internal sealed record NeighbourPageReads<TChild>(ListQuery<TChild> Query, string Scope, PageRequest Page, Projection<TChild>? Projection)
    where TChild : Entity;
