using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using SmartCityGraph.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SmartCityGraph.Browser.Tests;

/// <summary>/explorer draws the graph with counts that match the API, and searches, expands, filters, finds paths and exports.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExplorerTests(BrowserFixture browser)
{
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu"; // Organisation:technologiestiftung-berlin
    private const string Senate = "T3JnYW5pc2F0aW9uOnNlbmF0LXZvbi1iZXJsaW4="; // Organisation:senat-von-berlin
    private static readonly string[] Connections =
        ["strategies", "phases", "events", "organisations", "pilots", "strategyElements", "participationStrands", "documents", "results", "terms", "collections", "series"];

    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };

    [SkippableFact]
    public async Task Draws_the_whole_seed_graph_with_the_counts_the_API_gives()
    {
        var (nodes, relations) = await WholeGraphFromApiAsync();
        await using var tab = await browser.OpenAsync("/explorer");
        var graph = tab.Page.GetByTestId("graph");

        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(graph).ToHaveAttributeAsync("data-node-count", nodes.Count.ToString(), Slow);
        await Expect(graph).ToHaveAttributeAsync("data-edge-count", relations.Count.ToString(), Slow);
        // What cytoscape itself considers visible agrees with the attributes.
        Assert.Equal(nodes.Count, await tab.Page.EvaluateAsync<int>("() => smartCityGraph.cy.nodes(':visible').length"));
        Assert.Equal(relations.Count, await tab.Page.EvaluateAsync<int>("() => smartCityGraph.cy.edges(':visible').length"));

        await tab.ScreenshotAsync("explorer-whole-graph");
        tab.AssertNoRequestLeftTheMachine();
        Assert.Empty(tab.ConsoleErrors);
    }

    [SkippableFact]
    public async Task Asks_before_drawing_more_than_the_limit_and_draws_only_what_was_agreed()
    {
        var (nodes, _) = await WholeGraphFromApiAsync();
        await using var tab = await browser.OpenAsync("/explorer?limit=40"); // the default limit is 300; the seed has fewer
        var dialog = tab.Page.Locator("dialog#ask");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(dialog).ToContainTextAsync($"The whole graph has {nodes.Count} entities");
        await tab.ScreenshotAsync("explorer-ask");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Draw the first 40" }).ClickAsync();
        var graph = tab.Page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(graph).ToHaveAttributeAsync("data-node-count", "40", Slow);
    }

    [SkippableFact]
    public async Task Filtering_by_kind_hides_those_entities_and_their_relations()
    {
        var (nodes, relations) = await WholeGraphFromApiAsync();
        await using var tab = await browser.OpenAsync("/explorer");
        var graph = tab.Page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-node-count", nodes.Count.ToString(), Slow);

        await tab.Page.Locator("#kind-filters input[value=EVENT]").UncheckAsync();

        var events = nodes.Where(n => n.Value == "EVENT").Select(n => n.Key).ToHashSet();
        var remainingEdges = relations.Values.Count(r => !events.Contains(r.From) && !events.Contains(r.To));
        await Expect(graph).ToHaveAttributeAsync("data-node-count", (nodes.Count - events.Count).ToString());
        await Expect(graph).ToHaveAttributeAsync("data-edge-count", remainingEdges.ToString());
        Assert.Equal(remainingEdges, await tab.Page.EvaluateAsync<int>("() => smartCityGraph.cy.edges(':visible').length"));
    }

    [SkippableFact]
    public async Task Search_finds_an_entity_and_shows_its_details_and_sources()
    {
        await using var tab = await browser.OpenAsync("/explorer");
        var page = tab.Page;
        await Expect(page.GetByTestId("graph")).ToHaveAttributeAsync("data-state", "ready", Slow);

        await page.Locator("#search-input").FillAsync("Technologiestiftung");
        await page.Locator("#search-input").PressAsync("Enter");
        var hit = page.Locator("#search-results li button").First;
        await Expect(hit).ToContainTextAsync("Technologiestiftung", new() { Timeout = 15_000 });
        await tab.ScreenshotAsync("explorer-search-results");
        await hit.ClickAsync();

        var details = page.Locator("#details");
        await Expect(details.Locator("h2")).ToContainTextAsync("Technologiestiftung");
        await Expect(details).ToContainTextAsync("Sources (", new() { Timeout = 15_000 });
        Assert.Equal(Technologiestiftung, await page.EvaluateAsync<string>("() => smartCityGraph.cy.$(':selected').id()"));
        await tab.ScreenshotAsync("explorer-search-details");
    }

    [SkippableFact]
    public async Task The_details_pane_shows_an_entitys_history_with_actor_comment_and_sources()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        const string pilot = "UGlsb3Q6c21hcnQtc3BhY2UtaGFyZGVuYmVyZ3BsYXR6"; // Pilot:smart-space-hardenbergplatz
        var version = (await browser.QueryAsync("query($id: ID!) { node(id: $id) { ... on Entity { version } } }", new { id = pilot }))["node"]!["version"]!.GetValue<int>();
        await browser.MutateAsync(BrowserFixture.Token("Browser Editor", "editor"), """
            mutation($input: UpdatePilotInput!) { updatePilot(input: $input) { errors { __typename } } }
            """, new { input = new { id = pilot, expectedVersion = version, summary = "Edited in the browser test.", comment = "Checking the history pane",
                                     sources = new[] { new { title = "Browser test source", url = "https://example.org/browser-test" } } } });

        await using var tab = await browser.OpenAsync($"/explorer?focus={Uri.EscapeDataString(pilot)}");
        var history = tab.Page.Locator("#details [data-testid=history]");

        await Expect(history).ToContainTextAsync($"version {version + 1}", new() { Timeout = 30_000 });
        await Expect(history.Locator("li")).ToHaveCountAsync(version + 1);
        await Expect(history.Locator("li").First).ToContainTextAsync("by seed import");
        var edit = history.Locator("li").Last;
        await Expect(edit).ToContainTextAsync("by Browser Editor");
        await Expect(edit).ToContainTextAsync("Checking the history pane");
        await Expect(edit.Locator("a", new() { HasText = "Browser test source" })).ToHaveAttributeAsync("href", "https://example.org/browser-test");
        await Expect(tab.Page.Locator("#details")).ToContainTextAsync("Edited in the browser test.");
        await tab.ScreenshotAsync("explorer-history");
        tab.AssertNoRequestLeftTheMachine();
    }

    [SkippableFact]
    public async Task Starts_from_one_entity_and_expands_a_neighbour_with_the_counts_the_API_gives()
    {
        await using var tab = await browser.OpenAsync($"/explorer?focus={Uri.EscapeDataString(Technologiestiftung)}");
        var page = tab.Page;
        var graph = page.GetByTestId("graph");

        var first = await GraphFromApiAsync(Technologiestiftung);
        // graph(depth: 1) is the entity and everything one relation away, which its relations say independently.
        Assert.Equal((await NeighbourhoodFromApiAsync(Technologiestiftung)).Nodes.Order(), first.Nodes.Order());
        await Expect(graph).ToHaveAttributeAsync("data-node-count", first.Nodes.Count.ToString(), Slow);
        await Expect(graph).ToHaveAttributeAsync("data-edge-count", first.Relations.Count.ToString(), Slow);
        await tab.ScreenshotAsync("explorer-focus");

        // Expand a neighbour with a unique title, chosen through the details panel (keyboard-reachable buttons).
        var titles = (await browser.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { id title } } }", new { ids = first.Nodes.ToArray() }))["nodes"]!
            .AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!["title"]!.GetValue<string>());
        var (neighbour, title) = titles.First(t => t.Key != Technologiestiftung && titles.Values.Count(v => v == t.Value) == 1);
        var second = await GraphFromApiAsync(neighbour);
        await page.Locator("#details .relations button").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(title) + "$") }).First.ClickAsync();
        await Expect(page.Locator("#details h2")).ToHaveTextAsync(title);
        await page.Locator("#details button", new() { HasText = "Expand neighbourhood" }).ClickAsync();

        var nodes = first.Nodes.Union(second.Nodes).Count();
        var edges = first.Relations.Union(second.Relations).Count();
        Assert.True(nodes > first.Nodes.Count, "The chosen neighbour should bring new entities.");
        await Expect(graph).ToHaveAttributeAsync("data-node-count", nodes.ToString(), Slow);
        await Expect(graph).ToHaveAttributeAsync("data-edge-count", edges.ToString(), Slow);
        await tab.ScreenshotAsync("explorer-expanded");
    }

    [SkippableFact]
    public async Task Finds_and_highlights_the_shortest_path_from_the_Senate_to_a_pilot()
    {
        var (_, relations) = await WholeGraphFromApiAsync();
        var pilots = (await browser.QueryAsync("{ pilots { nodes { id title } } }"))["pilots"]!["nodes"]!.AsArray();
        var pilot = pilots.Select(p => (Id: p!["id"]!.GetValue<string>(), Title: p["title"]!.GetValue<string>()))
            .Select(p => (p.Id, p.Title, Length: ShortestPathLength(relations.Values, Senate, p.Id)))
            .Where(p => p.Length > 0).OrderBy(p => p.Length).First();
        // The server's paths() agrees with a breadth-first search over the relations the API lists.
        var served = (await browser.QueryAsync("query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 6, first: 1) { length } }",
            new { from = Senate, to = pilot.Id }))["paths"]!.AsArray();
        Assert.Equal(pilot.Length, served.Single()!["length"]!.GetValue<int>());

        await using var tab = await browser.OpenAsync("/explorer");
        var page = tab.Page;
        await Expect(page.GetByTestId("graph")).ToHaveAttributeAsync("data-state", "ready", Slow);
        await Expect(page.GetByTestId("graph")).ToHaveAttributeAsync("data-edge-count", relations.Count.ToString(), Slow);

        await page.Locator("#path-from").SelectOptionAsync(Senate);
        await page.Locator("#path-to").SelectOptionAsync(pilot.Id);
        await page.Locator("#path-form button[type=submit]").ClickAsync();

        var result = page.Locator("#path-result");
        await Expect(result).ToHaveAttributeAsync("data-length", pilot.Length.ToString(), new() { Timeout = 15_000 });
        await Expect(result.Locator("li").First).ToContainTextAsync("Senat von Berlin");
        await Expect(result.Locator("li").Last).ToContainTextAsync(pilot.Title);
        Assert.Equal(pilot.Length, await page.EvaluateAsync<int>("() => smartCityGraph.cy.edges('.path').length"));
        Assert.Equal(pilot.Length + 1, await page.EvaluateAsync<int>("() => smartCityGraph.cy.nodes('.path').length"));
        await page.WaitForTimeoutAsync(400); // the fit animation
        await tab.ScreenshotAsync("explorer-path");
    }

    [SkippableFact]
    public async Task Exports_the_drawn_view_as_GraphML_and_PNG()
    {
        await using var tab = await browser.OpenAsync("/explorer");
        var page = tab.Page;
        var graph = page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        await page.Locator("#kind-filters input[value=PHASE]").UncheckAsync();
        var nodeCount = int.Parse((await graph.GetAttributeAsync("data-node-count"))!);
        var edgeCount = int.Parse((await graph.GetAttributeAsync("data-edge-count"))!);

        var graphml = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-graphml").ClickAsync());
        var xml = XDocument.Load(await graphml.PathAsync());
        XNamespace ns = "http://graphml.graphdrawing.org/xmlns";
        Assert.Equal(nodeCount, xml.Descendants(ns + "node").Count());
        Assert.Equal(edgeCount, xml.Descendants(ns + "edge").Count());
        Assert.DoesNotContain(xml.Descendants(ns + "data"), d => d.Attribute("key")?.Value == "kind" && d.Value == "PHASE");

        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-png").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        Assert.True(bytes.Length > 10_000, $"The PNG has only {bytes.Length} bytes.");
    }

    [SkippableFact]
    public async Task Shows_the_servers_refusal_with_its_code()
    {
        await using var tab = await browser.OpenAsync("/explorer?focus=not-an-id");
        var message = tab.Page.Locator("#message");
        await Expect(message).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(message).ToContainTextAsync("The server refused the query");
        await Expect(message).ToContainTextAsync("INVALID_ID");
        await Expect(tab.Page.GetByTestId("graph")).ToHaveAttributeAsync("data-node-count", "0");
        await tab.ScreenshotAsync("explorer-refused");
    }

    [SkippableFact]
    public async Task Says_so_when_an_id_names_nothing()
    {
        await using var tab = await browser.OpenAsync("/explorer?focus=" + Uri.EscapeDataString("T3JnYW5pc2F0aW9uOm5vYm9keQ==")); // Organisation:nobody
        var message = tab.Page.Locator("#message");
        await Expect(message).ToContainTextAsync("NOT_FOUND", new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("graph")).ToHaveAttributeAsync("data-node-count", "0");
    }

    [SkippableFact]
    public async Task Says_so_when_the_server_cannot_be_reached()
    {
        await using var tab = await browser.OpenAsync("/explorer",
            page => page.RouteAsync("**/graphql", route => route.AbortAsync("connectionrefused")));
        var message = tab.Page.Locator("#message");
        await Expect(message).ToContainTextAsync("cannot be reached", new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("graph")).ToHaveAttributeAsync("data-state", "ready");
    }

    [SkippableFact]
    public async Task A_phase_on_the_timeline_narrows_the_view_to_what_overlaps_it()
    {
        await using var tab = await browser.OpenAsync("/explorer");
        var page = tab.Page;
        var graph = page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);
        var all = int.Parse((await graph.GetAttributeAsync("data-node-count"))!);

        // In English the phase shows the English title the sources give ("Stufe 1: … / Konzeptphase" in German).
        var phase = page.Locator("#phase-buttons button", new() { HasText = "Concept phase" });
        var span = (await phase.GetAttributeAsync("title"))!; // "Concept phase: 2021-02-01 – 2021-05-31"
        await phase.ClickAsync();
        // The range labels show the phase's first month once the click is handled (the button can be
        // redrawn under the pointer by a live update from another test: then the click is retried).
        var firstMonth = System.Text.RegularExpressions.Regex.Match(span, @"\d{4}-\d{2}").Value;
        await Expect(page.Locator("#date-from-label")).ToHaveTextAsync(firstMonth, new() { Timeout = 30_000 });
        await Expect(graph).Not.ToHaveAttributeAsync("data-node-count", all.ToString());

        // Every dated entity still drawn overlaps the chosen months; undated ones (organisations, …) stay.
        // Polled, not read once: a live update from a test running alongside redraws and refilters.
        const string outsideScript = @"() => {
            const from = document.getElementById('date-from-label').textContent + '-01';
            const to = document.getElementById('date-to-label').textContent + '-31';
            return smartCityGraph.cy.nodes(':visible').filter(n => {
                const e = smartCityGraph.entities.get(n.id());
                const s = e.start ?? e.end, end = e.end ?? e.start;
                return s && (s > to || end < from);
            }).map(n => n.id() + ' ' + smartCityGraph.entities.get(n.id()).start + '..' + smartCityGraph.entities.get(n.id()).end);
        }";
        try
        {
            await page.WaitForFunctionAsync($"() => ({outsideScript})().length === 0", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            var outside = await page.EvaluateAsync<string[]>(outsideScript);
            var labels = await page.EvaluateAsync<string>("() => document.getElementById('date-from-label').textContent + ' – ' + document.getElementById('date-to-label').textContent");
            var status = await page.Locator("#status").TextContentAsync();
            Assert.Fail($"{outside.Length} drawn nodes lie outside {labels} (status: {status}): {string.Join(", ", outside.Take(10))}");
        }
        Assert.Contains(await page.Locator("#date-from-label").TextContentAsync() ?? "", span);
    }

    [SkippableFact]
    public async Task Is_usable_by_keyboard()
    {
        await using var tab = await browser.OpenAsync("/explorer");
        var page = tab.Page;
        var graph = page.GetByTestId("graph");
        await Expect(graph).ToHaveAttributeAsync("data-state", "ready", Slow);

        await graph.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#details h2")).Not.ToBeEmptyAsync();
        var selected = await page.EvaluateAsync<string>("() => smartCityGraph.cy.$(':selected').id()");
        Assert.False(string.IsNullOrEmpty(selected));
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.NotEqual(selected, await page.EvaluateAsync<string>("() => smartCityGraph.cy.$(':selected').id()"));

        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("/");
        Assert.Equal("search-input", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    // ---- what the API says ------------------------------------------------------------------------------

    private sealed record Rel(string From, string To);

    /// <summary>Every entity (id → kind) and every relation (id → ends), read through the public API.</summary>
    private async Task<(Dictionary<string, string> Nodes, Dictionary<string, Rel> Relations)> WholeGraphFromApiAsync()
    {
        var nodes = new Dictionary<string, string>();
        foreach (var connection in Connections)
        {
            string? after = null;
            do
            {
                var page = (await browser.QueryAsync(
                    $"query($after: String) {{ {connection}(first: 100, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ id kind }} }} }}",
                    new { after }))[connection]!;
                foreach (var n in page["nodes"]!.AsArray()) nodes[n!["id"]!.GetValue<string>()] = n["kind"]!.GetValue<string>();
                after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
            } while (after is not null);
        }

        var relations = new Dictionary<string, Rel>();
        foreach (var id in nodes.Keys)
            foreach (var (relId, rel) in (await NeighbourhoodFromApiAsync(id, "OUT")).Relations)
                relations[relId] = rel;
        return (nodes, relations);
    }

    /// <summary>What graph(ids: [id], depth: 1) answers: entity ids and relation ids.</summary>
    private async Task<(HashSet<string> Nodes, HashSet<string> Relations)> GraphFromApiAsync(string id)
    {
        var data = (await browser.QueryAsync(
            "query($ids: [ID!]!) { graph(ids: $ids, depth: 1, limit: 1000) { truncated nodes { id } relations { id } } }", new { ids = new[] { id } }))["graph"]!;
        Assert.False(data["truncated"]!.GetValue<bool>());
        return (data["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToHashSet(),
                data["relations"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToHashSet());
    }

    private async Task<(HashSet<string> Nodes, Dictionary<string, Rel> Relations)> NeighbourhoodFromApiAsync(string id, string direction = "BOTH")
    {
        var nodes = new HashSet<string> { id };
        var relations = new Dictionary<string, Rel>();
        string? after = null;
        do
        {
            var data = await browser.QueryAsync(
                "query($id: ID!, $after: String, $direction: Direction) { node(id: $id) { ... on Entity { relations(direction: $direction, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id from { id } to { id } } } } } }",
                new { id, after, direction });
            var connection = data["node"]!["relations"]!;
            foreach (var r in connection["nodes"]!.AsArray())
            {
                var rel = new Rel(r!["from"]!["id"]!.GetValue<string>(), r["to"]!["id"]!.GetValue<string>());
                relations[r["id"]!.GetValue<string>()] = rel;
                nodes.Add(rel.From);
                nodes.Add(rel.To);
            }
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        return (nodes, relations);
    }

    /// <summary>Hops on the shortest undirected path, or -1.</summary>
    private static int ShortestPathLength(IEnumerable<Rel> relations, string from, string to)
    {
        var adjacent = new Dictionary<string, List<string>>();
        foreach (var r in relations)
        {
            (adjacent.TryGetValue(r.From, out var a) ? a : adjacent[r.From] = []).Add(r.To);
            (adjacent.TryGetValue(r.To, out var b) ? b : adjacent[r.To] = []).Add(r.From);
        }
        var distance = new Dictionary<string, int> { [from] = 0 };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == to) return distance[current];
            foreach (var next in adjacent.GetValueOrDefault(current) ?? [])
                if (distance.TryAdd(next, distance[current] + 1)) queue.Enqueue(next);
        }
        return -1;
    }
}
