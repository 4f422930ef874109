using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Projection;
using SmartCityGraph.Server.Events;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.ParticipationStrands;
using SmartCityGraph.Server.Phases;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.EventSeries;
using SmartCityGraph.Server.Strategies;

namespace SmartCityGraph.Server.Results;

/// <summary>
/// A result of the participation process, with its trace: what fed it (strands, series, events), where it was
/// presented and commented on, and the strategy it informed (participation → result → strategy).
/// </summary>
public sealed class ResultGraphType : ObjectGraphType<Result>
{
    public ResultGraphType()
    {
        Name = "Result";
        this.AddEntityFields("A result of the participation process (a draft, interim results): what fed it, where it was presented and discussed, and the strategy it informed.");
        Field<NonNullGraphType<ResultTypeGraphType>>("type").Reads(e => e.Type).Resolve(ctx => ctx.Source.Type);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipationStrandGraphType>>>>("contributingStrands")
            .Description("Participation strands it was developed with.")
            .Reads(e => e.Id).ResolveNeighbours(ResultRelations.ContributingStrands, ParticipationStrandListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SeriesGraphType>>>>("contributingSeries")
            .Description("Series of workshops or interviews that fed it.")
            .Reads(e => e.Id).ResolveNeighbours(ResultRelations.ContributingSeries, SeriesListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("contributingEvents")
            .Description("Events that fed it, such as an online survey.")
            .Reads(e => e.Id).ResolveNeighbours(ResultRelations.ContributingEvents, EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("presentedAt")
            .Description("Events where it was presented, such as a Smart City-Forum.")
            .Reads(e => e.Id).ResolveNeighbours(ResultRelations.PresentedAt, EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EventGraphType>>>>("discussedIn")
            .Description("Consultations in which the public commented on it.")
            .Reads(e => e.Id).ResolveNeighbours(ResultRelations.DiscussedIn, EventListing.Fields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StrategyGraphType>>>>("informs")
            .Description("The strategies it fed into.")
            .Reads(e => e.Id).ResolveNeighbours(ResultRelations.Informs, StrategyListing.Fields);
        Field<PhaseGraphType>("phase").Description("The phase it was produced in.")
            .Reads(e => e.Id).ResolveNeighbour<Result, Phase>(ResultRelations.Phase);
    }
}

internal static class ResultRelations
{
    public static readonly RelationSpec ContributingStrands = RelationSpec.In(NodeKind.ParticipationStrand, RelationType.ContributesTo);
    public static readonly RelationSpec ContributingSeries = RelationSpec.In(NodeKind.Series, RelationType.ContributesTo);
    public static readonly RelationSpec ContributingEvents = RelationSpec.In(NodeKind.Event, RelationType.ContributesTo);
    public static readonly RelationSpec PresentedAt = RelationSpec.In(NodeKind.Event, RelationType.Presents);
    public static readonly RelationSpec DiscussedIn = RelationSpec.In(NodeKind.Event, RelationType.Concerns);
    public static readonly RelationSpec Informs = RelationSpec.Out(NodeKind.Strategy, RelationType.Informs);
    public static readonly RelationSpec Phase = RelationSpec.Out(NodeKind.Phase, RelationType.ProducedIn);
}

public sealed class ResultTypeGraphType : EnumerationGraphType<ResultType>
{
    public ResultTypeGraphType() => Name = "ResultType";
}

public sealed class ResultsConnectionGraphType : ConnectionGraphType<ResultGraphType, Result>
{
    public ResultsConnectionGraphType() : base("ResultsConnection") => this.AddFacets(ResultListing.Fields.Facets);
}
