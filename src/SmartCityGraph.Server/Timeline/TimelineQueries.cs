using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Timeline;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Timeline;

/// <summary>The row group of a Gantt chart an item belongs in.</summary>
public enum TimelineLane { Phases, ParticipationEvents, NetworkEvents, Pilots }

public sealed class TimelineLaneGraphType : EnumerationGraphType<TimelineLane>
{
    public TimelineLaneGraphType()
    {
        Name = "TimelineLane";
        Description = "The row group of a Gantt chart: phases, participation events, network events, pilots.";
    }
}

public sealed class TimelineItemGraphType : ObjectGraphType<TimelineEntry>
{
    public TimelineItemGraphType()
    {
        Name = "TimelineItem";
        Description = "A phase, event or pilot on the timeline, with the period a Gantt bar spans.";
        Field<NonNullGraphType<EntityInterface>>("entity").Resolve(ctx => ctx.Source.Entity);
        Field<NonNullGraphType<NodeKindGraphType>>("kind").Resolve(ctx => ctx.Source.Entity.Kind);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(ctx => ctx.Source.Entity.Title);
        Field<NonNullGraphType<CalendarDateGraphType>>("startDate").Resolve(ctx => ctx.Source.Start);
        Field<CalendarDateGraphType>("endDate").Description("Null when the source gives only one day (or no end).").Resolve(ctx => ctx.Source.End);
        Field<NonNullGraphType<BooleanGraphType>>("milestone")
            .Description("True for a single day (no end date, or the end on the start): a point rather than a bar.")
            .Resolve(ctx => ctx.Source.End is null || ctx.Source.End == ctx.Source.Start);
        Field<NonNullGraphType<TimelineLaneGraphType>>("lane").Resolve(ctx => LaneOf(ctx.Source.Entity));
    }

    private static TimelineLane LaneOf(Entity entity) => entity switch
    {
        Phase => TimelineLane.Phases,
        Event { Category: EventCategory.Network } => TimelineLane.NetworkEvents,
        Event => TimelineLane.ParticipationEvents,
        _ => TimelineLane.Pilots,
    };
}

internal static class TimelineQueries
{
    public static void AddTimelineQuery(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TimelineItemGraphType>>>>("timeline")
            .Description($"Phases, events and pilots whose period overlaps `from`..`to` (inclusive; either may be left open), in one " +
                         $"chronological list (by start date, then end date), for a Gantt chart — the \"Zeitschiene\". At most the first " +
                         $"{TimelineReader.MaxEntries} items; narrow the range for more.")
            .Argument<CalendarDateGraphType>("from", "Earliest day (inclusive).")
            .Argument<CalendarDateGraphType>("to", "Latest day (inclusive).")
            .Argument<ListGraphType<NonNullGraphType<NodeKindGraphType>>>("kinds", "Only these kinds (PHASE, EVENT, PILOT; default all three).")
            .WithListSize(TimelineReader.MaxEntries)
            .ResolveAsync(async ctx =>
            {
                var from = ctx.GetArgument<DateOnly?>("from");
                var to = ctx.GetArgument<DateOnly?>("to");
                if (from > to) throw GraphQLRequestException.InvalidInput($"'from' ({from:yyyy-MM-dd}) is after 'to' ({to:yyyy-MM-dd}).");
                var kinds = ctx.GetArgument<List<NodeKind>?>("kinds");
                if (kinds?.Except(TimelineReader.DatedKinds).ToList() is { Count: > 0 } undated)
                    throw GraphQLRequestException.InvalidInput(
                        $"The timeline holds only PHASE, EVENT and PILOT; {string.Join(", ", undated.Select(EnumName))} ha{(undated.Count == 1 ? "s" : "ve")} no period.");
                return await ctx.RequestServices!.GetRequiredService<TimelineReader>().ReadAsync(from, to, kinds, ctx.CancellationToken);
            });
    }

    /// <summary>The GraphQL name of a kind: StrategyElement → STRATEGY_ELEMENT.</summary>
    private static string EnumName(NodeKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
