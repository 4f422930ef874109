using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Events;

/// <summary>What editors set on an event (createEvent, updateEvent).</summary>
internal static class EventEditing
{
    public static readonly EntityEditing<Event> Fields = new EntityEditing<Event>("Event", typeof(EventGraphType), () => new Event { Key = "", Title = "" })
        .Field<CalendarDateGraphType, DateOnly>("startDate", e => e.StartDate)
        .Field<CalendarDateGraphType, DateOnly?>("endDate", e => e.EndDate, "Null for a one-day event; never before the start date.")
        .Field<EventCategoryGraphType, EventCategory>("category", e => e.Category)
        .Field<EventTypeGraphType, EventType?>("type", e => e.Type)
        .Field<EventStatusGraphType, EventStatus?>("recordedStatus", e => e.RecordedStatus, "The status the source recorded.")
        .Field<BooleanGraphType, bool>("cancelled", e => e.Cancelled, "True makes the status CANCELLED (default false).", optionalOnCreate: true)
        .Field<StringGraphType, string?>("url", e => e.Url, "An absolute http(s) URL.")
        .Field<BooleanGraphType, bool>("titleKnown", e => e.TitleKnown, "False when the title is a placeholder because the source gives none (default true).", optionalOnCreate: true);
}
