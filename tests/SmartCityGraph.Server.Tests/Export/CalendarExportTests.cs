using Ical.Net;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>The .ics reads back with Ical.Net: a VEVENT per event, all-day dates, UIDs that stay the same.</summary>
public abstract class CalendarExportTests(ExportFixture fixture)
{
    [SkippableFact]
    public async Task Every_event_is_an_all_day_VEVENT_with_a_stable_UID()
    {
        var (first, text) = await LoadAsync();
        var (second, _) = await LoadAsync();

        var events = first.Events.ToList();
        Assert.Equal(fixture.TotalCounts["events"], events.Count);
        Assert.Contains("X-WR-CALNAME:SmartCityGraph: Berlin Smart City strategy events", text);
        Assert.All(events, e =>
        {
            Assert.EndsWith("@smartcitygraph", e.Uid);
            Assert.False(e.DtStart!.HasTime);
            Assert.False(e.DtEnd!.HasTime);
            Assert.True(e.DtEnd.Date > e.DtStart.Date, "DTEND is exclusive, so it is after DTSTART");
            Assert.False(string.IsNullOrEmpty(e.Summary));
            Assert.Contains("Sources:", e.Description);
            Assert.Contains("Data: SmartCityGraph", e.Description);
            Assert.NotEmpty(e.Categories);
        });
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
        Assert.Equal(events.Select(e => e.Uid), second.Events.Select(e => e.Uid));
    }

    [SkippableFact]
    public async Task A_one_day_event_ends_the_day_after_and_its_UID_is_its_global_id()
    {
        var (calendar, _) = await LoadAsync();
        var answer = await fixture.Http.PostGraphQLAsync(
            "{ events(first: 1, where: { endDate: { eq: null } }, order: [{ startDate: ASC }]) { nodes { id title startDate } } }");
        var node = answer.AssertNoErrors().Data["events"]!["nodes"]![0]!;
        var vevent = calendar.Events.Single(e => e.Uid == node["id"].Text() + "@smartcitygraph");
        var start = DateOnly.Parse(node["startDate"].Text(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(start, vevent.DtStart!.Date);
        Assert.Equal(start.AddDays(1), vevent.DtEnd!.Date);
        Assert.Equal(node["title"].Text(), vevent.Summary);
    }

    private async Task<(Calendar Calendar, string Text)> LoadAsync()
    {
        var response = await fixture.GetAsync("/export/events.ics", "text/calendar");
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var text = await response.Content.ReadAsStringAsync();
        return (Calendar.Load(text)!, text);
    }
}

public sealed class CalendarExportTestsOnSqlite(SqliteExportFixture fixture) : CalendarExportTests(fixture), IClassFixture<SqliteExportFixture>;

public sealed class CalendarExportTestsOnPostgres(PostgresExportFixture fixture) : CalendarExportTests(fixture), IClassFixture<PostgresExportFixture>;
