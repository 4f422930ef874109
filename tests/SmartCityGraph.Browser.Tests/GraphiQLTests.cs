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
    public async Task The_editing_example_is_refused_without_a_token_and_creates_an_event_with_one()
    {
        await using var tab = await browser.OpenAsync("/graphql");
        var page = tab.Page;
        await Expect(page.Locator(".scg-examples")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator(".scg-auth-note")).ToContainTextAsync("Authorization: Bearer");

        await page.Locator(".scg-examples button", new() { HasText = "Edit: create an event" }).ClickAsync();
        await Expect(page.Locator(".graphiql-query-editor")).ToContainTextAsync("CreateAnEvent", new() { Timeout = 15_000 });
        // The example's placeholder token is no token: the server refuses before anything runs.
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var response = page.Locator(".graphiql-response");
        await Expect(response).ToContainTextAsync("UNAUTHENTICATED", new() { Timeout = 30_000 });

        // A real editor's token in the Headers tab, and the same operation creates the event.
        await page.Locator("button[data-name=headers]").ClickAsync();
        var headers = page.Locator(".graphiql-editor-tool .graphiql-editor").Last;
        await headers.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync($"{{\"Authorization\": \"Bearer {BrowserFixture.Token("IDE Editor", "editor")}\"}}");
        await page.Locator(".graphiql-execute-button").ClickAsync();
        await Expect(response).ToContainTextAsync("\"version\": 1", new() { Timeout = 30_000 });
        await Expect(response).ToContainTextAsync("\"actor\": \"IDE Editor\"");
        await Expect(response).ToContainTextAsync("\"errors\": null");
        await tab.ScreenshotAsync("graphiql-mutation");
        tab.AssertNoRequestLeftTheMachine();
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
