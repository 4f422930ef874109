using Microsoft.Playwright;
using SmartCityGraph.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartCityGraph.Browser.Tests;

/// <summary>
/// On a server that runs only its trusted documents for anonymous callers (<c>Security:TrustedDocumentsOnly</c>), the
/// explorer still works and still lives: its queries go by persisted id over HTTP, and its subscriptions by persisted id
/// over the WebSocket (regression: the TypeScript client's subscriptions sent the document text, which such a server refuses
/// with PERSISTED_DOCUMENT_REQUIRED, so the explorer never went live there).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrustedDocumentsExplorerTests(BrowserFixture browser)
{
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu"; // Organisation:technologiestiftung-berlin
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };

    [SkippableFact]
    public async Task The_explorer_goes_live_by_persisted_ids_on_a_trusted_documents_only_server()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var server = new BrowserServer(new Dictionary<string, string> { ["Security:TrustedDocumentsOnly"] = "true" });
        var address = server.Start();
        using var http = new HttpClient { BaseAddress = address };
        var editor = BrowserFixture.Token("Trusted Editor", "editor");

        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await using var tab = new BrowserPage(await context.NewPageAsync(), address);
        var page = tab.Page;
        await page.GotoAsync(new Uri(address, $"/explorer?focus={Uri.EscapeDataString(Technologiestiftung)}").ToString());
        await Expect(page.GetByTestId("graph")).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(page.Locator("#live-state")).ToHaveAttributeAsync("data-state", "live", Slow);

        // A signed-in editor may send any document: create an event organised by the drawn organisation.
        var created = await PostAsync(http, editor, """
            mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }
            """, new { input = new { title = "Trusted live workshop", startDate = "2022-03-01", category = "NETWORK", type = "WORKSHOP",
                sources = new[] { new { title = "Trusted documents test", url = "https://example.org/trusted" } } } });
        var eventId = created["createEvent"]!["event"]!["id"]!.GetValue<string>();
        await PostAsync(http, editor, """
            mutation($input: AddRelationInput!) { addRelation(input: $input) { relation { id } } }
            """, new { input = new { type = "ORGANISES", from = Technologiestiftung, to = eventId,
                sources = new[] { new { title = "Trusted documents test", url = "https://example.org/trusted" } } } });

        // The subscription (by id) delivers it: the new event is drawn without a reload.
        await page.WaitForFunctionAsync("id => window.smartCityGraph.entities.has(id)", eventId, new() { Timeout = 15_000 });
        Assert.DoesNotContain(tab.ConsoleErrors, error => error.Contains("PERSISTED_DOCUMENT", StringComparison.Ordinal));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> PostAsync(HttpClient http, string token, string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(json["errors"] is null, "GraphQL errors: " + json["errors"]?.ToJsonString());
        return json["data"]!;
    }
}
