using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Nodes;
using Event = SmartCityGraph.Data.Model.Event;
using ModelEventStatus = SmartCityGraph.Data.Model.EventStatus;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// <c>ics</c>: every event as an all-day VEVENT (iCalendar, RFC 5545, written by Ical.Net), for a calendar
/// app to import or subscribe to. UIDs are <c>&lt;global id&gt;@smartcitygraph</c>, so a subscription updates
/// events instead of duplicating them; DTEND is exclusive (the day after the last day); a cancelled event
/// has STATUS:CANCELLED. The calendar is written event by event, so a large graph never sits in memory.
/// </summary>
public sealed class IcsExporter : IExporter
{
    public const string CalendarName = "SmartCityGraph: Berlin Smart City strategy events";
    private const string UidDomain = "@smartcitygraph";

    public string Format => "ics";
    public string MediaType => "text/calendar; charset=utf-8";
    public string FileExtension => "ics";

    public static string Uid(string globalId) => globalId + UidDomain;

    public async Task WriteAsync(Stream output, ExportData data, CancellationToken ct)
    {
        var serializer = new CalendarSerializer();
        var frame = serializer.SerializeToString(Frame(data)) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
        var end = frame.LastIndexOf("END:VCALENDAR", StringComparison.Ordinal);

        await using var text = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 1 << 16, leaveOpen: true);
        await text.WriteAsync(frame[..end]);
        await foreach (var e in data.OfKind<Event>().WithCancellation(ct))
            await text.WriteAsync(serializer.SerializeToString(ToVEvent(e, data)));
        await text.WriteAsync(frame[end..]);
        await text.FlushAsync(ct);
    }

    /// <summary>The calendar without events: its properties, serialised around the events.</summary>
    private static Calendar Frame(ExportData data)
    {
        var calendar = new Calendar { ProductId = "-//SmartCityGraph//Exports//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", CalendarName);
        calendar.AddProperty("X-WR-CALDESC", $"{data.Citation} {ExportData.Attribution} {ExportData.LicenceNote}");
        calendar.AddProperty("X-WR-TIMEZONE", "Europe/Berlin");
        return calendar;
    }

    public static CalendarEvent ToVEvent(Event e, ExportData data)
    {
        var status = e.StatusOn(data.Today);
        var vevent = new CalendarEvent
        {
            Uid = Uid(e.GlobalId()),
            Summary = e.Title,
            Description = Description(e, status, data),
            DtStart = Day(e.StartDate),
            // All-day events end on the (exclusive) day after their last day.
            DtEnd = Day((e.EndDate ?? e.StartDate).AddDays(1)),
            // A fixed stamp (the export day) keeps two exports of the same data identical.
            DtStamp = new CalDateTime(data.Today.Year, data.Today.Month, data.Today.Day, 0, 0, 0, "UTC"),
            Status = e.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            // Subscribers' free/busy time stays free: these are public events, not appointments.
            Transparency = TransparencyType.Transparent,
        };
        vevent.Categories.Add(ExportText.Name(e.Category));
        if (e.Type is { } type) vevent.Categories.Add(ExportText.Name(type));
        if (Uri.TryCreate(e.Url, UriKind.Absolute, out var url)) vevent.Url = url;
        return vevent;
    }

    /// <summary>A date without a time: DTSTART;VALUE=DATE.</summary>
    private static CalDateTime Day(DateOnly date) => new(date.Year, date.Month, date.Day);

    private static string Description(Event e, ModelEventStatus status, ExportData data)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(e.Summary)) text.AppendLine(e.Summary).AppendLine();
        text.Append("Status: ").Append(ExportText.Name(status));
        if (e.RecordedStatus is { } recorded && recorded != status) text.Append(" (the source said ").Append(ExportText.Name(recorded)).Append(')');
        text.AppendLine();
        if (!e.TitleKnown) text.AppendLine("The source gives no title for this event; the title is a placeholder.");
        text.AppendLine("Sources:");
        foreach (var source in e.Sources)
        {
            text.Append("- ").Append(source.Title);
            if (!string.IsNullOrWhiteSpace(source.Url)) text.Append(" <").Append(source.Url).Append('>');
            text.AppendLine();
        }
        text.AppendLine().Append("Cite as: ").AppendLine(Citation.For(e, data.DataSetVersion)).Append(ExportData.Attribution);
        return text.ToString();
    }
}
