using System.Linq.Expressions;

namespace SmartCityGraph.Data.Model;

/// <summary>
/// An event's status is derived from its dates and today's date, unless it was cancelled; sources
/// go stale ("planned" in 2022), the derived status does not.
/// </summary>
public static class EventStatusRule
{
    public static EventStatus StatusOn(this Event e, DateOnly today) =>
        e.Cancelled ? EventStatus.Cancelled
        : today < e.StartDate ? EventStatus.Planned
        : today > (e.EndDate ?? e.StartDate) ? EventStatus.Finished
        : EventStatus.Ongoing;

    /// <summary>The same rule as a predicate SQL can run: events whose status on <paramref name="today"/> is <paramref name="status"/>.</summary>
    public static Expression<Func<Event, bool>> HasStatusOn(EventStatus status, DateOnly today) => status switch
    {
        EventStatus.Cancelled => e => e.Cancelled,
        EventStatus.Planned => e => !e.Cancelled && today < e.StartDate,
        EventStatus.Finished => e => !e.Cancelled && (e.EndDate ?? e.StartDate) < today,
        _ => e => !e.Cancelled && e.StartDate <= today && today <= (e.EndDate ?? e.StartDate),
    };

    /// <summary>The same rule as a value SQL can compute (a CASE), to group events by status on <paramref name="today"/>.</summary>
    public static Expression<Func<Event, EventStatus>> StatusExpressionOn(DateOnly today) =>
        e => e.Cancelled ? EventStatus.Cancelled
            : today < e.StartDate ? EventStatus.Planned
            : (e.EndDate ?? e.StartDate) < today ? EventStatus.Finished
            : EventStatus.Ongoing;
}
