using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Content;

/// <summary>
/// Titles and summaries in German and English where the sources give them: <c>title(lang:)</c> and
/// <c>summary(lang:)</c>, the request's Accept-Language when no <c>lang</c> is given, the original otherwise;
/// search finds both.
/// </summary>
public abstract class LanguageTests(SeededServer server)
{
    private const string ConceptPhase = "{ phases(where: { startDate: { eq: \"2021-02-01\" } }) { nodes { title de: title(lang: DE) en: title(lang: EN) } } }";

    [Fact]
    public async Task Title_takes_a_language_and_falls_back_to_the_original()
    {
        var phase = (await server.Http.PostGraphQLAsync(ConceptPhase)).AssertNoErrors().Data["phases"]!["nodes"]![0]!;
        Assert.Equal("Stufe 1: Strategischer Rahmen / Konzeptphase", phase["title"].Text()); // no lang, no Accept-Language: the original
        Assert.Equal("Stufe 1: Strategischer Rahmen / Konzeptphase", phase["de"].Text());    // German is the original here
        Assert.Equal("Concept phase", phase["en"].Text());                                   // the gloss the sources give

        // An English original without a German title stays English in German, as the sources give no German.
        var element = (await server.Http.PostGraphQLAsync("{ strategyElements(where: { title: { eq: \"Cooperative\" } }, first: 1) { nodes { de: title(lang: DE) } } }"))
            .AssertNoErrors().Data["strategyElements"]!["nodes"]![0]!;
        Assert.Equal("Cooperative", element["de"].Text());
    }

    [Theory]
    [InlineData("en-GB,en;q=0.9,de;q=0.4", "Concept phase")]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", "Stufe 1: Strategischer Rahmen / Konzeptphase")]
    [InlineData("fr-FR,fr;q=0.9", "Stufe 1: Strategischer Rahmen / Konzeptphase")]
    public async Task Without_lang_the_request_Accept_Language_chooses(string acceptLanguage, string expected)
    {
        var phase = (await server.Http.PostGraphQLAsync(
                "{ phases(where: { startDate: { eq: \"2021-02-01\" } }) { nodes { title } } }", headers: new Dictionary<string, string> { ["Accept-Language"] = acceptLanguage }))
            .AssertNoErrors().Data["phases"]!["nodes"]![0]!;
        Assert.Equal(expected, phase["title"].Text());
    }

    [Fact]
    public async Task An_explicit_lang_wins_over_Accept_Language()
    {
        var phase = (await server.Http.PostGraphQLAsync(ConceptPhase, headers: new Dictionary<string, string> { ["Accept-Language"] = "en" }))
            .AssertNoErrors().Data["phases"]!["nodes"]![0]!;
        Assert.Equal(("Concept phase", "Stufe 1: Strategischer Rahmen / Konzeptphase"), (phase["title"].Text(), phase["de"].Text()));
    }

    [Fact]
    public async Task Summaries_are_English_with_a_German_one_where_a_German_passage_was_condensed()
    {
        var result = (await server.Http.PostGraphQLAsync(
                "{ results(where: { title: { eq: \"Maßnahmen und Aktionen\" } }) { nodes { summary de: summary(lang: DE) en: summary(lang: EN) } } }"))
            .AssertNoErrors().Data["results"]!["nodes"]![0]!;
        Assert.StartsWith("Further interim results", result["summary"].Text());
        Assert.Equal(result["summary"].Text(), result["en"].Text());
        Assert.StartsWith("Weitere Zwischenergebnisse", result["de"].Text());

        var pilot = (await server.Http.PostGraphQLAsync("{ pilots(first: 1) { nodes { summary de: summary(lang: DE) } } }")).AssertNoErrors().Data["pilots"]!["nodes"]![0]!;
        Assert.Equal(pilot["summary"].Text(), pilot["de"].Text()); // no German summary: the English original
    }

    [Theory]
    [InlineData("concept phase", "Stufe 1: Strategischer Rahmen / Konzeptphase")]
    [InlineData("Konzeptphase", "Stufe 1: Strategischer Rahmen / Konzeptphase")]
    [InlineData("measures and actions", "Maßnahmen und Aktionen")]
    [InlineData("Zwischenergebnisse Maßnahmen", "Maßnahmen und Aktionen")]
    [InlineData("participation concept", "Beteiligungskonzept Smart City-Strategie Berlin")]
    public async Task Search_finds_titles_and_summaries_in_both_languages(string query, string expected)
    {
        var hits = (await server.Http.PostGraphQLAsync("query($q: String!) { search(query: $q, first: 10) { nodes { entity { title(lang: DE) } } } }", new { q = query }))
            .AssertNoErrors().Data["search"]!["nodes"].Items().Select(h => h["entity"]!["title"].Text()).ToList();
        Assert.Contains(expected, hits);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("de", Language.De)]
    [InlineData("de-AT", Language.De)]
    [InlineData("EN-us", Language.En)]
    [InlineData("fr, en;q=0.5, de;q=0.7", Language.De)]
    [InlineData("en;q=0.7, de;q=0.7", Language.En)]   // equal weights: the header's order
    [InlineData("de;q=0, en;q=0.1", Language.En)]     // q=0 means "not this one"
    [InlineData("*", null)]
    [InlineData("fr-FR", null)]
    [InlineData("not a header ;;; q=", null)]
    public void Accept_Language_picks_the_highest_weighted_of_German_and_English(string? header, Language? expected)
    {
        Assert.Equal(expected, RequestLanguage.FromHeader(header));
    }
}

public sealed class LanguageTestsOnSqlite(SeededSqliteServer server) : LanguageTests(server), IClassFixture<SeededSqliteServer>;

public sealed class LanguageTestsOnPostgres(SeededPostgresServer server) : LanguageTests(server), IClassFixture<SeededPostgresServer>;

/// <summary>The request's preferred language is kept per scope in the user context instead of resolved per field.</summary>
public sealed class PreferredLanguageMemoTests
{
    [Fact]
    public void The_preference_is_kept_for_its_scope_and_read_again_in_another()
    {
        var http = new Microsoft.AspNetCore.Http.HttpContextAccessor { HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext() };
        http.HttpContext!.Request.Headers.AcceptLanguage = "de-DE";
        using var provider = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddSingleton<Microsoft.AspNetCore.Http.IHttpContextAccessor>(http)
            .AddScoped<RequestLanguage>()
            .BuildServiceProvider();
        var userContext = new Dictionary<string, object?>(); // a subscription's events share theirs

        using var first = provider.CreateScope();
        var field = new global::GraphQL.ResolveFieldContext { RequestServices = first.ServiceProvider, UserContext = userContext };
        Assert.Equal(Language.De, LocalisedText.PreferredLanguage(field));
        Assert.True(userContext.ContainsKey(LocalisedText.PreferredLanguageKey));
        http.HttpContext.Request.Headers.AcceptLanguage = "en";
        Assert.Equal(Language.De, LocalisedText.PreferredLanguage(field)); // the same scope: kept, as RequestLanguage keeps it

        using var second = provider.CreateScope();
        Assert.Equal(Language.En, LocalisedText.PreferredLanguage(new global::GraphQL.ResolveFieldContext { RequestServices = second.ServiceProvider, UserContext = userContext }));
    }
}
