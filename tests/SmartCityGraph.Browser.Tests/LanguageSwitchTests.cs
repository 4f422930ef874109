using Microsoft.Playwright;
using SmartCityGraph.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartCityGraph.Browser.Tests;

/// <summary>
/// The explorer and the IDE in German and English: a switch relabels the page and asks the server for titles in
/// that language (Accept-Language), which it gives where the sources have one; the browser's language is the default.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageSwitchTests(BrowserFixture browser)
{
    private const string ConceptPhase = "UGhhc2U6c3R1ZmUtMS1zdHJhdGVnaXNjaGVyLXJhaG1lbg=="; // Phase:stufe-1-strategischer-rahmen
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };

    private static Task<string> TitleOfAsync(IPage page, string id) =>
        page.EvaluateAsync<string>("id => smartCityGraph.entities.get(id).title", id);

    [SkippableFact]
    public async Task The_explorer_switches_its_labels_and_the_drawn_titles_between_English_and_German()
    {
        await using var tab = await browser.OpenAsync("/explorer");
        var page = tab.Page;
        var graph = page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        var drawn = await graph.GetAttributeAsync("data-node-count");
        await Expect(graph).ToHaveAttributeAsync("data-language", "en");
        await Expect(page.Locator("#kind-filters")).ToContainTextAsync("Event");
        await Expect(page.Locator("#load-all")).ToHaveTextAsync("Whole graph");
        Assert.Equal("Concept phase", await TitleOfAsync(page, ConceptPhase));

        await page.GetByTestId("language").SelectOptionAsync("de");

        await Expect(graph).ToHaveAttributeAsync("data-language", "de");
        await Expect(page.Locator("#load-all")).ToHaveTextAsync("Ganzer Graph");
        await Expect(page.Locator("#kind-filters")).ToContainTextAsync("Termin");
        await Expect(page.Locator("#type-filters")).ToContainTextAsync("stellt vor");
        await Expect(page.Locator("#search-input")).ToHaveAttributeAsync("placeholder", "Einträge nach Namen suchen (Taste /)");
        await page.WaitForFunctionAsync("id => smartCityGraph.entities.get(id).title.startsWith('Stufe 1')", ConceptPhase);
        Assert.Equal("Stufe 1: Strategischer Rahmen / Konzeptphase", await TitleOfAsync(page, ConceptPhase));
        Assert.Equal("Stufe 1: Strategischer Rahmen / Konzept…", await page.EvaluateAsync<string>("id => smartCityGraph.cy.getElementById(id).data('label')", ConceptPhase));
        await Expect(graph).ToHaveAttributeAsync("data-node-count", drawn!); // relabelled, not redrawn
        await Expect(page.Locator("#status")).ToContainTextAsync("Einträge und");
        await tab.ScreenshotAsync("explorer-german");

        // The choice is remembered: a reload stays German.
        await page.ReloadAsync();
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(page.GetByTestId("language")).ToHaveValueAsync("de");
        Assert.Equal("Stufe 1: Strategischer Rahmen / Konzeptphase", await TitleOfAsync(page, ConceptPhase));
        tab.AssertNoRequestLeftTheMachine();
        Assert.Empty(tab.ConsoleErrors);
    }

    [SkippableFact]
    public async Task A_German_browser_gets_the_German_explorer_and_the_details_of_a_term_verbatim()
    {
        await using var tab = await browser.OpenAsync("/explorer", locale: "de-DE");
        var page = tab.Page;
        await Expect(page.GetByTestId("graph")).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(page.GetByTestId("language")).ToHaveValueAsync("de");
        await Expect(page.Locator("h2[data-i18n=shortestPath]")).ToHaveTextAsync("Kürzester Weg");

        await page.Locator("#search-input").FillAsync("Smart City Definition");
        await page.Locator("#search-input").PressAsync("Enter");
        await page.Locator("#search-results li button", new() { HasText = "Berliner Smart City Definition" }).First.ClickAsync();
        var details = page.Locator("#details");
        await Expect(details).ToContainTextAsync("Definition im Wortlaut der Quelle", new() { Timeout = 15_000 });
        await Expect(details.Locator("blockquote")).ToContainTextAsync("Städte stehen vor großen Herausforderungen.");
        await Expect(details).ToContainTextAsync("Begriff");
    }

    [SkippableFact]
    public async Task The_IDE_examples_switch_language_and_the_answers_follow()
    {
        await using var tab = await browser.OpenAsync("/graphql");
        var page = tab.Page;
        var panel = page.Locator(".scg-examples");
        await Expect(panel).ToContainTextAsync("Examples", new() { Timeout = 30_000 });
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("PilotsAndWhoRunsThem", new() { Timeout = 30_000 });

        await panel.GetByTestId("language").SelectOptionAsync("de");
        await Expect(panel).ToContainTextAsync("Beispiele");
        await Expect(panel).ToContainTextAsync("Welche Pilotprojekte gibt es, und wer leitet und fördert sie?");

        await panel.Locator("button", new() { HasText = "Beteiligung → Ergebnis → Strategie" }).ClickAsync();
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("ParticipationToStrategy", new() { Timeout = 15_000 });
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var response = page.Locator(".graphiql-response");
        // The response editor draws only the lines in view (and wraps them): the first result's series are in view.
        await Expect(response).ToContainTextAsync("Zukunftswerkstätten", new() { Timeout = 30_000 });

        await panel.GetByTestId("language").SelectOptionAsync("en");
        await Expect(panel).ToContainTextAsync("Participation → result → strategy");
        await page.Locator(".graphiql-execute-button").ClickAsync();
        await Expect(response).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Future\s+workshops"), new() { Timeout = 30_000 });
        await Expect(response).Not.ToContainTextAsync("Zukunftswerkstätten");
        tab.AssertNoRequestLeftTheMachine();
    }
}
