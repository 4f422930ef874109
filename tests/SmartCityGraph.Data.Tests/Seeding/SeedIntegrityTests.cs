using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;

namespace SmartCityGraph.Data.Tests.Seeding;

/// <summary>The committed seed itself: the facts journalists will quote must hold together.</summary>
public sealed class SeedIntegrityTests
{
    private static readonly SeedData Seed = SeedReader.Read(SeedLocation.Directory);

    [Fact]
    public void Every_timeline_row_is_present_once_as_a_participation_event()
    {
        var rows = Seed.Entities.OfType<Event>().Where(e => e.TimelineRow is not null).ToList();
        Assert.Equal(63, rows.Count);
        Assert.Equal(Enumerable.Range(1, 63), rows.Select(e => e.TimelineRow!.Value).Order());
        Assert.All(rows, e => Assert.Equal(EventCategory.Participation, e.Category));
        Assert.All(rows, e => Assert.NotNull(e.RecordedStatus));
    }

    [Fact]
    public void Timeline_rows_keep_the_dates_and_statuses_of_the_source()
    {
        var rows = Seed.Entities.OfType<Event>().Where(e => e.TimelineRow is not null).ToDictionary(e => e.TimelineRow!.Value);
        // First, last and a titled row, as they stand in the Zeitschiene.
        Assert.Equal((new DateOnly(2022, 7, 17), new DateOnly(2022, 7, 24), EventStatus.Planned), (rows[1].StartDate, rows[1].EndDate, rows[1].RecordedStatus!.Value));
        Assert.Equal((new DateOnly(2022, 8, 15), new DateOnly(2022, 8, 31), EventStatus.Planned), (rows[63].StartDate, rows[63].EndDate, rows[63].RecordedStatus!.Value));
        var ambitions = Assert.Single(rows.Values, e => e.Title == "mein.berlin für Zwischenergebnisse Ambitionen");
        Assert.Equal((new DateOnly(2022, 3, 1), new DateOnly(2022, 3, 16), EventStatus.Finished), (ambitions.StartDate, ambitions.EndDate, ambitions.RecordedStatus!.Value));
    }

    [Fact]
    public void Every_entity_and_relation_is_sourced()
    {
        Assert.All(Seed.Entities, e => Assert.NotEmpty(e.Sources));
        Assert.All(Seed.Relations, r => Assert.NotEmpty(r.Sources));
        Assert.All(Seed.Entities.SelectMany(e => e.Sources), s => Assert.False(string.IsNullOrWhiteSpace(s.Title)));
    }

    [Fact]
    public void Keys_are_unique_per_kind_and_dates_are_ordered()
    {
        Assert.Equal(Seed.Entities.Count, Seed.Entities.Select(e => (e.Kind, e.Key)).Distinct().Count());
        Assert.All(Seed.Entities.OfType<Event>(), e => Assert.True(e.EndDate is null || e.EndDate >= e.StartDate, e.Key));
        Assert.All(Seed.Entities.OfType<Phase>(), p => Assert.True(p.EndDate is null || p.StartDate is null || p.EndDate >= p.StartDate, p.Key));
    }

    [Fact]
    public void There_are_exactly_five_pilots_each_with_a_lead_and_funders()
    {
        var pilots = Seed.Entities.OfType<Pilot>().ToList();
        Assert.Equal(5, pilots.Count);
        foreach (var pilot in pilots)
        {
            Assert.Single(Seed.Relations, r => r.To == pilot && r.Type == RelationType.Leads);
            Assert.Contains(Seed.Relations, r => r.To == pilot && r.Type == RelationType.Funds);
        }
    }

    [Fact]
    public void Every_event_belongs_to_a_phase()
    {
        var inPhase = Seed.Relations.Where(r => r.Type == RelationType.PartOf && r.To is Phase).Select(r => r.From).ToHashSet();
        Assert.All(Seed.Entities.OfType<Event>(), e => Assert.Contains(e, inPhase));
    }

    [Fact]
    public void The_ten_civil_society_workshop_hosts_are_present()
    {
        var names = Seed.Entities.OfType<Organisation>().Select(o => o.Title).ToList();
        foreach (var expected in new[] { "Bundesverband Smart City", "Correlaid", "Frauen Computer Zentrum", "Laial", "Schmidt & Schulze",
                     "Spiekermann", "WECHANGE", "Donut4Berlin", "Scientists for Future", "Wildnisstadt", "Actors of Urban Change",
                     "Institute for Cultural Governance" })
            Assert.Contains(names, n => n.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }
}
