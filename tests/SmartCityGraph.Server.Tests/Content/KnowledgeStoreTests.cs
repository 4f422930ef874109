using SmartCityGraph.Server.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace SmartCityGraph.Server.Tests.Content;

/// <summary>
/// What the Wissensspeicher describes beyond the dated rows, answered by the running server: the definition, the
/// participation concept, the results traced from participation to strategy, the series, the Call with its hosts,
/// and the store's own parts — each with its sources.
/// </summary>
public abstract class KnowledgeStoreTests(SeededServer server)
{
    [Fact]
    public async Task The_short_definition_is_a_term_with_the_sources_text()
    {
        var term = (await server.Http.PostGraphQLAsync("{ terms { totalCount nodes { title definition partOf { title } sources { title } } } }"))
            .AssertNoErrors().Data["terms"]!;

        Assert.Equal(1, term["totalCount"]!.GetValue<int>());
        var definition = term["nodes"]![0]!;
        Assert.Equal("Berliner Smart City Definition (Kurzversion)", definition["title"].Text());
        Assert.StartsWith("Städte stehen vor großen Herausforderungen.", definition["definition"].Text());
        Assert.Contains("„Smart“ bezeichnet in Berlin die Art und Weise", definition["definition"].Text());
        Assert.Equal("Öffentlicher Wissensspeicher zur Entwicklung der Smart City-Strategie", definition["partOf"]!["title"].Text());
        Assert.NotEmpty(definition["sources"]!.AsArray());
    }

    [Fact]
    public async Task The_participation_concept_is_a_document_presented_at_Berlin_Science_Week_on_9_November_2021()
    {
        var documents = (await server.Http.PostGraphQLAsync(
            "{ documents { nodes { title url presentedAt { title startDate series { title type } } } } }")).AssertNoErrors().Data["documents"]!["nodes"]!;

        var concept = Assert.Single(documents.AsArray())!;
        Assert.Equal("Beteiligungskonzept Smart City-Strategie Berlin", concept["title"].Text());
        Assert.Null(concept["url"]); // linked through Notion, address not given
        var presentation = Assert.Single(concept["presentedAt"]!.AsArray())!;
        Assert.Equal("2021-11-09", presentation["startDate"].Text());
        Assert.Equal(("Berlin Science Week", "EXTERNAL_EVENT"), (presentation["series"]![0]!["title"].Text(), presentation["series"]![0]!["type"].Text()));
    }

    [Fact]
    public async Task Participation_leads_to_results_and_results_to_the_strategy_they_informed()
    {
        var answer = await server.Http.PostGraphQLAsync("""
            { results(order: [{ title: ASC }]) { nodes {
                title type
                contributingStrands(order: [{ title: ASC }]) { title }
                contributingSeries(order: [{ title: ASC }]) { title size sizeQualifier }
                contributingEvents { title }
                presentedAt { title startDate }
                discussedIn { title startDate endDate }
                informs { title adoptedOn }
                phase { title } } } }
            """);

        var results = answer.AssertNoErrors().Data["results"]!["nodes"]!;
        var needs = results.Items().Single(r => r["title"].Text() == "Handlungsbedarfe und operative Ziele");
        Assert.Equal("2022-02-24", Assert.Single(needs["presentedAt"]!.AsArray())!["startDate"].Text());
        Assert.Equal(4, needs["contributingStrands"]!.AsArray().Count);
        Assert.Equal("Gemeinsam Digital: Berlin", Assert.Single(needs["informs"]!.AsArray())!["title"].Text());
        var measures = results.Items().Single(r => r["title"].Text() == "Maßnahmen und Aktionen");
        Assert.Equal("2022-05-19", Assert.Single(measures["discussedIn"]!.AsArray())!["endDate"].Text());
        Snapshot.Match(results.ToIndentedJson());

        // The same trace read backwards, from the strategy.
        var strategy = await server.Http.PostGraphQLAsync(
            "{ strategies(where: { title: { eq: \"Gemeinsam Digital: Berlin\" } }) { nodes { results(order: [{ title: ASC }]) { title presentedAt { title } } } } }");
        Assert.Equal(["Handlungsbedarfe und operative Ziele", "Maßnahmen und Aktionen"],
            strategy.AssertNoErrors().Data["strategies"]!["nodes"]![0]!["results"].Items().Select(r => r["title"].Text()));
    }

    [Fact]
    public async Task The_future_workshops_are_a_series_of_more_than_20_without_invented_dates()
    {
        var series = (await server.Http.PostGraphQLAsync("""
            { series(where: { type: { eq: WORKSHOPS }, size: { gte: 20 } }) { nodes {
                title size sizeQualifier startDate endDate phase { title }
                events(order: [{ startDate: ASC }]) { totalCount nodes { title startDate endDate } } } } }
            """)).AssertNoErrors().Data["series"]!["nodes"]!;

        var workshops = Assert.Single(series.AsArray())!;
        Assert.Equal(("Zukunftswerkstätten", 20, "MORE_THAN"), (workshops["title"].Text(), workshops["size"]!.GetValue<int>(), workshops["sizeQualifier"].Text()));
        Assert.Null(workshops["startDate"]);
        Assert.Null(workshops["endDate"]);
        Assert.Equal(3, workshops["events"]!["totalCount"]!.GetValue<int>()); // only three groups of them are dated
        Assert.StartsWith("Stufe 1", workshops["phase"]!["title"].Text());

        var interviews = (await server.Http.PostGraphQLAsync("{ series(where: { type: { eq: INTERVIEWS } }) { nodes { title size startDate events { totalCount } contributesTo { title } } } }"))
            .AssertNoErrors().Data["series"]!["nodes"]![0]!;
        Assert.Equal("Interviews mit Führungskräften", interviews["title"].Text());
        Assert.Null(interviews["size"]);
        Assert.Equal(0, interviews["events"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("Erster Entwurf des Strategischen Rahmens", interviews["contributesTo"]![0]!["title"].Text());
    }

    [Fact]
    public async Task The_Call_for_Society_Engagement_selected_the_ten_hosts_of_the_civil_society_workshops()
    {
        var answer = await server.Http.PostGraphQLAsync("""
            { series(where: { type: { eq: CALL } }) { nodes { title selected(order: [{ title: ASC }]) { title type selectedBy { title } } events { nodes { startDate } } } }
              events(where: { title: { eq: "Workshops mit der Zivilgesellschaft" } }) { nodes { organisers(order: [{ title: ASC }]) { title } } } }
            """);

        var call = answer.AssertNoErrors().Data["series"]!["nodes"]![0]!;
        Assert.Equal("Call for Society Engagement", call["title"].Text());
        var selected = call["selected"].Items().Select(o => o["title"].Text()).ToList();
        Assert.Equal(10, selected.Count);
        Assert.All(call["selected"].Items(), o => Assert.Equal("CIVIL_SOCIETY", o["type"].Text()));
        Assert.Equal(selected, answer.Data["events"]!["nodes"]![0]!["organisers"].Items().Select(o => o["title"].Text()));
        Assert.Equal("2021-02-24", call["events"]!["nodes"]![0]!["startDate"].Text()); // the closing date
    }

    [Fact]
    public async Task The_stores_parts_are_collections_that_say_what_is_known_of_them()
    {
        var answer = await server.Http.PostGraphQLAsync("""
            { collections(where: { contentKnown: { eq: false } }, order: [{ title: ASC }]) { totalCount nodes { title columns partOf { title } } }
              store: collections(where: { title: { contains: "Wissensspeicher" } }) { nodes { parts { title } publishers(order: [{ title: ASC }]) { title } documents { title } terms { title } } }
              dates: collections(where: { title: { eq: "Prozesstermine" } }) { nodes { columns events(first: 0) { totalCount } } } }
            """);

        var unknown = answer.AssertNoErrors().Data["collections"]!;
        Assert.Equal(["Code of Conduct", "Events im Netzwerk", "Prozessakteure", "Prozessergebnisse", "Smart City-Bibliothek", "Smart City-Glossar", "Was machen andere Städte"],
            unknown["nodes"].Items().Select(c => c["title"].Text()));
        var store = answer.Data["store"]!["nodes"]![0]!;
        Assert.Equal(["CityLAB Berlin", "Technologiestiftung Berlin"], store["publishers"].Items().Select(o => o["title"].Text()));
        Assert.Equal(8, store["parts"]!.AsArray().Count);
        var dates = answer.Data["dates"]!["nodes"]![0]!;
        Assert.Equal(63, dates["events"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["Beteiligungstermin", "Datum", "Status"], dates["columns"].Items().Select(c => c.Text()));
    }

    [Fact]
    public async Task The_federal_programme_funds_the_pilots_and_the_ministrys_later_name_is_an_alias()
    {
        var answer = await server.Http.PostGraphQLAsync("""
            { programme: organisations(where: { type: { eq: PROGRAMME } }) { nodes { title pilots(first: 10) { totalCount } } }
              bmi: organisations(where: { abbreviation: { eq: "BMI" } }) { nodes { title aliases } }
              search(query: "BMWSB") { nodes { entity { kind title } } } }
            """);

        var programme = answer.AssertNoErrors().Data["programme"]!["nodes"]![0]!;
        Assert.Equal(("Modellprojekte Smart Cities", 5), (programme["title"].Text(), programme["pilots"]!["totalCount"]!.GetValue<int>()));
        var bmi = answer.Data["bmi"]!["nodes"]![0]!;
        Assert.Equal("BMI", bmi["title"].Text());
        Assert.Equal(["BMWSB"], bmi["aliases"].Items().Select(a => a.Text()));
        Assert.Equal("BMI", answer.Data["search"]!["nodes"]![0]!["entity"]!["title"].Text());
    }

    [Fact]
    public async Task The_January_2022_pilot_workshops_reach_both_pilots_though_only_one_is_dated()
    {
        var pilots = (await server.Http.PostGraphQLAsync("{ pilots(order: [{ title: ASC }]) { nodes { title series { title startDate endDate events { totalCount } } } } }"))
            .AssertNoErrors().Data["pilots"]!["nodes"].Items().ToDictionary(p => p["title"].Text());

        var hardenbergplatz = Assert.Single(pilots["Smart Space Hardenbergplatz"]["series"]!.AsArray())!;
        Assert.Equal(("2022-01-01", "2022-01-31", 1), (hardenbergplatz["startDate"].Text(), hardenbergplatz["endDate"].Text(), hardenbergplatz["events"]!["totalCount"]!.GetValue<int>()));
        Assert.Equal(hardenbergplatz["title"].Text(), Assert.Single(pilots["Smart Water"]["series"]!.AsArray())!["title"].Text());
        Assert.Empty(pilots["Kiezbox 2.0"]["series"]!.AsArray());
    }
}

public sealed class KnowledgeStoreTestsOnSqlite(SeededSqliteServer server) : KnowledgeStoreTests(server), IClassFixture<SeededSqliteServer>;

public sealed class KnowledgeStoreTestsOnPostgres(SeededPostgresServer server) : KnowledgeStoreTests(server), IClassFixture<SeededPostgresServer>;
