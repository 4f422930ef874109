using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SmartCityGraph.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartCityGraph.Browser.Tests;

/// <summary>
/// The explorer lives: edits made over HTTP by someone else appear in an open explorer without a reload — a changed
/// entity relabelled in place and highlighted, a new one drawn with its relation, a removed relation faded out —
/// and the history slider replays the drawn graph as of an earlier revision.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveExplorerTests(BrowserFixture browser)
{
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu"; // Organisation:technologiestiftung-berlin
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };
    private static readonly object[] Sources = [new { title = "Live explorer test", url = "https://example.org/live-explorer" }];

    private readonly string _editor = BrowserFixture.Token("Live Editor", "editor");
    private readonly string _admin = BrowserFixture.Token("Live Admin", "admin");

    private async Task<(string Id, int Version)> CreateEventAsync(string title)
    {
        var created = (await browser.MutateAsync(_editor, """
            mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id version } } }
            """, new { input = new { title, startDate = "2022-03-01", category = "NETWORK", type = "WORKSHOP", sources = Sources } }))["createEvent"]!["event"]!;
        return (created["id"]!.GetValue<string>(), created["version"]!.GetValue<int>());
    }

    private async Task<(string Id, int Version)> OrganiseAsync(string eventId)
    {
        var relation = (await browser.MutateAsync(_editor, """
            mutation($input: AddRelationInput!) { addRelation(input: $input) { relation { id version } } }
            """, new { input = new { type = "ORGANISES", from = Technologiestiftung, to = eventId, sources = Sources } }))["addRelation"]!["relation"]!;
        return (relation["id"]!.GetValue<string>(), relation["version"]!.GetValue<int>());
    }

    private Task RemoveAsync((string Id, int Version) relation) => browser.MutateAsync(_admin, """
        mutation($input: RemoveRelationInput!) { removeRelation(input: $input) { removedId } }
        """, new { input = new { id = relation.Id, expectedVersion = relation.Version, comment = "live explorer test" } });

    private async Task<int> LatestRevisionAsync() =>
        (await browser.QueryAsync("{ latestRevision { number } }"))["latestRevision"]!["number"]!.GetValue<int>();

    private static Task<string?> LabelAsync(IPage page, string id) =>
        page.EvaluateAsync<string?>("id => { const n = window.smartCityGraph.cy.getElementById(id); return n.nonempty() ? n.data('label') : null; }", id);

    private static Task<bool> HighlightedAsync(IPage page, string id) =>
        page.EvaluateAsync<bool>("id => window.smartCityGraph.cy.getElementById(id).hasClass('changed')", id);

    [SkippableFact]
    public async Task An_edit_made_over_HTTP_appears_in_an_open_explorer_without_reload_and_the_slider_replays_it()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        var watched = await CreateEventAsync("Live workshop before");
        var watchedLink = await OrganiseAsync(watched.Id);

        await using var tab = await browser.OpenAsync($"/explorer?focus={Uri.EscapeDataString(Technologiestiftung)}");
        var page = tab.Page;
        var graph = page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(page.Locator("#live-state")).ToHaveAttributeAsync("data-state", "live", Slow);
        await page.WaitForFunctionAsync("id => window.smartCityGraph.entities.has(id)", watched.Id);
        var nodes = int.Parse((await graph.GetAttributeAsync("data-node-count"))!);
        var edges = int.Parse((await graph.GetAttributeAsync("data-edge-count"))!);
        var beforeRename = await LatestRevisionAsync();

        // 1. Someone renames a drawn event: relabelled in place, highlighted, nothing reloaded.
        await browser.MutateAsync(_editor, """
            mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { version } } }
            """, new { input = new { id = watched.Id, expectedVersion = watched.Version, title = "Live workshop after", sources = Sources } });
        await page.WaitForFunctionAsync("id => window.smartCityGraph.cy.getElementById(id).data('label') === 'Live workshop after'", watched.Id,
            new() { Timeout = 10_000 });
        Assert.True(await HighlightedAsync(page, watched.Id), "A changed entity is highlighted.");
        await tab.ScreenshotAsync("explorer-live-changed");

        // 2. Someone links a new event to a drawn organisation: drawn with its relation.
        var fresh = await CreateEventAsync("Live workshop new");
        var freshLink = await OrganiseAsync(fresh.Id);
        await Expect(graph).ToHaveAttributeAsync("data-node-count", (nodes + 1).ToString(), Slow);
        await Expect(graph).ToHaveAttributeAsync("data-edge-count", (edges + 1).ToString(), Slow);
        Assert.Equal("Live workshop new", await LabelAsync(page, fresh.Id));

        // 3. The history slider: as of the revision before the rename, the old title, and no new event.
        await page.EvaluateAsync("n => { const s = document.getElementById('as-of'); s.value = String(n); s.dispatchEvent(new Event('change')); }", beforeRename);
        await Expect(page.Locator("#live-state")).ToHaveAttributeAsync("data-state", "history", Slow);
        await page.WaitForFunctionAsync("id => window.smartCityGraph.cy.getElementById(id).data('label') === 'Live workshop before'", watched.Id);
        await Expect(graph).ToHaveAttributeAsync("data-node-count", nodes.ToString(), Slow);
        await tab.ScreenshotAsync("explorer-live-as-of");
        await page.Locator("#as-of-live").ClickAsync();
        await Expect(page.Locator("#live-state")).ToHaveAttributeAsync("data-state", "live", Slow);
        await page.WaitForFunctionAsync("id => window.smartCityGraph.cy.getElementById(id).data('label') === 'Live workshop after'", watched.Id);
        await Expect(graph).ToHaveAttributeAsync("data-node-count", (nodes + 1).ToString(), Slow);

        // 4. Someone removes the new relation: it fades out.
        await RemoveAsync(freshLink);
        await Expect(graph).ToHaveAttributeAsync("data-edge-count", edges.ToString(), Slow);
        Assert.False(await page.EvaluateAsync<bool>("id => window.smartCityGraph.relations.has(id)", freshLink.Id));

        await RemoveAsync((watchedLink.Id, watchedLink.Version)); // leave Technologiestiftung's neighbourhood as the other tests know it
    }
}
