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
    public void The_civil_society_workshops_have_the_ten_hosts_the_source_counts_one_record_per_listed_line()
    {
        // "Von den eingereichten Bewerbungen des Calls for Society Engagement wurden 10 Organisationen der
        // Zivilgesellschaft ausgewählt. Die Workshops werden durchgeführt von:" and ten lines, titled as printed.
        string[] lines =
        [
            "Actors of Urban Change / MitOst e.V.", "Bundesverband Smart City e.V.", "CLB Berlin & Institute for Cultural Governance",
            "Correlaid e.V.", "Frauen Computer Zentrum Berlin e.V.", "Laial e.V.", "Schmidt & Schulze", "Spiekermann Ingenieure GmbH",
            "WECHANGE, Donut4Berlin & Scientists for Future", "Wildnisstadt Berlin / National Park City Berlin",
        ];
        var hosts = Seed.Relations
            .Where(r => r.Type == RelationType.Hosts && r.To.Key == "zeitschiene-46-workshops-zivilgesellschaft")
            .Select(r => (Organisation)r.From)
            .ToList();
        Assert.Equal(lines.Order(StringComparer.Ordinal), hosts.Select(h => h.Title).Order(StringComparer.Ordinal));
        Assert.All(hosts, h => Assert.Equal(OrganisationType.CivilSociety, h.Type));
        // No name of a joined line lives on as a record of its own.
        var titles = Seed.Entities.OfType<Organisation>().Select(o => o.Title).ToHashSet();
        Assert.DoesNotContain("Scientists for Future", titles);
        Assert.DoesNotContain("Institute for Cultural Governance", titles);
    }

    [Fact]
    public void Every_entity_of_the_added_kinds_rests_on_more_than_uncited_notes()
    {
        var uncited = SeedSourceAudit.UncitedOnly(SeedLocation.Directory).Select(f => f.Reference).ToHashSet();
        var added = Seed.Entities.Where(e => e.Kind is NodeKind.Document or NodeKind.Result or NodeKind.Term or NodeKind.Collection or NodeKind.Series
                                             || e.Key == "modellprojekte-smart-cities").ToList();
        Assert.Equal(22, added.Count); // 9 collections, 7 series, 3 results, a document, a term and the funding programme
        Assert.All(added, e => Assert.DoesNotContain($"{e.Kind}:{e.Key}", uncited));
    }

    [Fact]
    public void Participation_is_traced_to_results_and_the_results_to_the_strategy_they_informed()
    {
        Relation[] Of(Entity e) => Seed.Relations.Where(r => r.From == e || r.To == e).ToArray();
        var results = Seed.Entities.OfType<Result>().ToDictionary(r => r.Key);
        Assert.Equal(["erster-entwurf-strategischer-rahmen", "handlungsbedarfe-und-operative-ziele", "massnahmen-und-aktionen"], results.Keys.Order());
        foreach (var result in results.Values)
            Assert.Contains(Of(result), r => r.Type == RelationType.Informs && r.From == result && r.To is Strategy);

        var needs = results["handlungsbedarfe-und-operative-ziele"];
        Assert.Equal("Strategy:gemeinsam-digital-berlin", Assert.Single(Of(needs), r => r.Type == RelationType.Informs) is var informs ? $"{informs.To.Kind}:{informs.To.Key}" : null);
        Assert.Equal("zeitschiene-18-smart-city-forum", Assert.Single(Of(needs), r => r.Type == RelationType.Presents).From.Key);
        Assert.Equal(4, Of(needs).Count(r => r.Type == RelationType.ContributesTo && r.From is ParticipationStrand));
        Assert.Equal("kommentierung-mein-berlin-2022-02-24", Assert.Single(Of(needs), r => r.Type == RelationType.Concerns).From.Key);

        var measures = results["massnahmen-und-aktionen"];
        Assert.Equal("zeitschiene-10-smart-city-forum-2", Assert.Single(Of(measures), r => r.Type == RelationType.Presents).From.Key);
        Assert.Equal("zeitschiene-08-mein-berlin-zwischenergebnisse-aktionen", Assert.Single(Of(measures), r => r.Type == RelationType.Concerns).From.Key);

        var draft = results["erster-entwurf-strategischer-rahmen"];
        Assert.Equal(["interviews-mit-fuehrungskraeften", "online-umfrage-2021-03-31", "zukunftswerkstaetten"],
            Of(draft).Where(r => r.Type == RelationType.ContributesTo).Select(r => r.From.Key).Order());
        Assert.Equal("strategischer-rahmen", Assert.Single(Of(draft), r => r.Type == RelationType.Informs).To.Key);
    }

    [Fact]
    public void The_call_selects_exactly_the_ten_hosts_of_the_civil_society_workshops()
    {
        var selected = Seed.Relations.Where(r => r.Type == RelationType.Selects && r.From.Key == "call-for-society-engagement").Select(r => r.To).ToHashSet();
        var hosts = Seed.Relations.Where(r => r.Type == RelationType.Hosts && r.To.Key == "zeitschiene-46-workshops-zivilgesellschaft").Select(r => r.From).ToHashSet();
        Assert.Equal(10, selected.Count);
        Assert.True(selected.SetEquals(hosts));
    }

    [Fact]
    public void Series_carry_only_the_numbers_and_dates_the_sources_give()
    {
        var series = Seed.Entities.OfType<Series>().ToDictionary(s => s.Key);
        Assert.Equal((20, SizeQualifier.MoreThan), (series["zukunftswerkstaetten"].Size, series["zukunftswerkstaetten"].SizeQualifier!.Value));
        Assert.Equal((7, SizeQualifier.Planned), (series["sitzungen-stadtgremium-digitales-berlin"].Size, series["sitzungen-stadtgremium-digitales-berlin"].SizeQualifier!.Value));
        Assert.Null(series["interviews-mit-fuehrungskraeften"].Size);
        // Only the January 2022 pilot workshops are dated as a whole (month precision); no series got a date from its parts.
        Assert.Equal(["beteiligungsworkshops-pilotprojekte-januar-2022"], series.Values.Where(s => s.StartDate is not null || s.EndDate is not null).Select(s => s.Key));
        Assert.Equal(3, Seed.Relations.Count(r => r.Type == RelationType.PartOf && r.To.Key == "zukunftswerkstaetten"));
    }

    [Fact]
    public void The_short_definition_is_kept_verbatim_in_its_three_paragraphs()
    {
        var term = Assert.Single(Seed.Entities.OfType<Term>());
        Assert.Equal("Berliner Smart City Definition (Kurzversion)", term.Title);
        var paragraphs = term.Definition!.Split('\n');
        Assert.Equal(3, paragraphs.Length);
        Assert.StartsWith("Städte stehen vor großen Herausforderungen.", paragraphs[0]);
        Assert.StartsWith("Das Berliner Modell der Smart City ist gemeinwohlorientiert, nachhaltig und resilient.", paragraphs[2]);
    }

    [Fact]
    public void The_stores_parts_say_what_is_known_of_them()
    {
        var collections = Seed.Entities.OfType<Collection>().ToDictionary(c => c.Key);
        Assert.Equal(["Beteiligungstermin", "Datum", "Status"], collections["prozesstermine"].Columns);
        Assert.Equal(63, Seed.Relations.Count(r => r.Type == RelationType.PartOf && r.To == collections["prozesstermine"]));
        foreach (var named in new[] { "smart-city-bibliothek", "smart-city-glossar", "was-machen-andere-staedte", "code-of-conduct", "prozessergebnisse", "prozessakteure", "events-im-netzwerk" })
        {
            Assert.False(collections[named].ContentKnown, named);
            Assert.Equal("wissensspeicher", Assert.Single(Seed.Relations, r => r.From == collections[named] && r.Type == RelationType.PartOf).To.Key);
        }
    }

    [Fact]
    public void The_ministrys_later_name_is_an_alias_not_a_second_title()
    {
        var bmi = Seed.Entities.OfType<Organisation>().Single(o => o.Key == "bmi");
        Assert.Equal("BMI", bmi.Title);
        Assert.Equal(["BMWSB"], bmi.Aliases);
        var programme = Seed.Entities.OfType<Organisation>().Single(o => o.Key == "modellprojekte-smart-cities");
        Assert.Equal(OrganisationType.Programme, programme.Type);
        Assert.Equal(5, Seed.Relations.Count(r => r.From == programme && r.Type == RelationType.Funds && r.To is Pilot));
    }

    /// <summary>
    /// Every address in the seed, with the passage that gives it verbatim. A URL not listed here was not given by
    /// a source in full (a repository named without a host, an address without a scheme) and must stay null.
    /// </summary>
    private static readonly Dictionary<string, string> UrlsTheSourcesGive = new()
    {
        ["https://hopin.com/events/international-smart-city-symposium"] =
            "Wissensspeicher: 'Hier geht's zur Registrierung: https://hopin.com/events/international-smart-city-symposium'",
    };

    [Fact]
    public void Every_url_is_one_a_source_gives_verbatim()
    {
        // Every "url" of every seed file, whatever the kind: sources, entities and any added later.
        var urls = Directory.GetFiles(SeedLocation.Directory, "*.json")
            .Where(f => !f.EndsWith("seed.schema.json", StringComparison.Ordinal))
            .SelectMany(f => Urls(System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement))
            .Distinct()
            .ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.True(UrlsTheSourcesGive.ContainsKey(url), $"{url} is not an address a source gives verbatim"));
    }

    private static IEnumerable<string> Urls(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "url" && p.Value.ValueKind == System.Text.Json.JsonValueKind.String ? [p.Value.GetString()!] : Urls(p.Value)),
        System.Text.Json.JsonValueKind.Array => element.EnumerateArray().SelectMany(Urls),
        _ => [],
    };
}
