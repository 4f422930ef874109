using Microsoft.Playwright;
using SmartCityGraph.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartCityGraph.Browser.Tests;

/// <summary>GET /graphql in a browser is GraphiQL 5, and it runs queries against the live server.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GraphiQLTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Renders_runs_the_first_saved_example_and_shows_its_result()
    {
        await using var tab = await browser.OpenAsync("/graphql");
        var page = tab.Page;

        await Expect(page.Locator(".graphiql-container")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The saved examples are listed, and the first one is open in the editor.
        await Expect(page.Locator(".scg-examples")).ToContainTextAsync("Who organised most events?");
        await Expect(page.Locator(".scg-examples")).ToContainTextAsync("Which civil-society groups organised events in spring 2021");
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("PilotsAndWhoRunsThem", new() { Timeout = 30_000 });

        await page.Locator(".graphiql-execute-button").ClickAsync();
        var response = page.Locator(".graphiql-response");
        await Expect(response).ToContainTextAsync("\"totalCount\": 5", new() { Timeout = 30_000 });
        await Expect(response).ToContainTextAsync("\"pilots\"");

        // The docs explorer knows the schema (introspection against the same server).
        await page.GetByLabel("Show Documentation Explorer").ClickAsync();
        await Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("Query", new() { Timeout = 15_000 });

        await tab.ScreenshotAsync("graphiql");
        tab.AssertNoRequestLeftTheMachine();
        Assert.DoesNotContain(tab.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task A_saved_example_opens_in_a_new_tab_and_answers()
    {
        await using var tab = await browser.OpenAsync("/graphql");
        var page = tab.Page;
        await Expect(page.Locator(".scg-examples")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.Locator(".scg-examples button", new() { HasText = "Organisers" }).ClickAsync();
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("WhoOrganisedMostEvents", new() { Timeout = 15_000 });
        await page.Locator(".graphiql-execute-button").ClickAsync();
        await Expect(page.Locator(".graphiql-response")).ToContainTextAsync("\"organisations\"", new() { Timeout = 30_000 });
        tab.AssertNoRequestLeftTheMachine();
    }
}
