using GraphQL;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Nodes;

internal static class GraphContext
{
    /// <summary>The request's batched graph reads (of the graph as of the enclosing field's <c>asOf</c>, if any).</summary>
    public static GraphLoaders Graph(this IResolveFieldContext context) =>
        context.ReadServices().GetRequiredService<GraphLoaders>();

    public static DateOnly Today(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<BerlinCalendar>().Today;
}

/// <summary>Today's date in Berlin, where the events take place; derived statuses change at Berlin midnight.</summary>
public sealed class BerlinCalendar(TimeProvider clock)
{
    private static readonly TimeZoneInfo Berlin = FindBerlin();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Berlin).DateTime);

    private static TimeZoneInfo FindBerlin()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; } // a machine without tzdata: off by at most two hours
    }
}
