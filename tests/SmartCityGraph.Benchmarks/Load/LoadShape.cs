using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// A kind of request the load benchmark measures. <see cref="PrepareAsync"/> asks the server for what the
/// request needs (an id) and returns it ready to send. <see cref="Bulk"/> marks a request whose answer grows
/// with the whole data set (an export): on large data sets it is timed alone rather than under load.
/// </summary>
internal sealed record LoadShape(string Key, string Title, Func<HttpClient, CancellationToken, Task<LoadRequest>> PrepareAsync, bool Bulk = false)
{
    /// <summary>
    /// The shapes of issue 11 (the side-by-side comparison's documents where it has them, so the figures can be
    /// read next to its table), in the order of the tables.
    /// </summary>
    public static IReadOnlyList<LoadShape> All { get; } =
    [
        new("node", "node(id) of an event", async (http, ct) => LoadRequest.GraphQL("node",
            "query NodeById($id: ID!) { node(id: $id) { id ... on Event { title startDate status } } }",
            new { id = await FirstIdAsync(http, "events", ct) })),
        new("nested3", "3 levels: 10 phases × 10 events × organisers", (_, _) => Task.FromResult(LoadRequest.GraphQL("nested3",
            "query Nested3 { phases(first: 10) { nodes { title events(first: 10) { nodes { title startDate organisers { title } } } } } }"))),
        new("filter-sort-50", "filtered, date-sorted page of 50 events", (_, _) => Task.FromResult(LoadRequest.GraphQL("filter-sort-50",
            "query EventsFilterSort($since: Date!) { events(where: { startDate: { gte: $since } }, order: [{ startDate: DESC }], first: 50) { nodes { id title startDate } pageInfo { endCursor hasNextPage } } }",
            new { since = "2021-06-01" }))),
        new("relations50", "an organisation's 50 relations with both ends", async (http, ct) => LoadRequest.GraphQL("relations50",
            "query Relations($id: ID!) { node(id: $id) { ... on Organisation { title relations(first: 50) { totalCount nodes { type role from { id kind title } to { id kind title } } } } } }",
            new { id = await FirstIdAsync(http, "organisations", ct) })),
        new("graph2", "depth-2 neighbourhood of a pilot", async (http, ct) => LoadRequest.GraphQL("graph2",
            "query Neighbourhood($id: ID!) { graph(ids: [$id], depth: 2, limit: 200) { truncated nodes { id kind title } relations { type from { id } to { id } } } }",
            new { id = await FirstIdAsync(http, "pilots", ct) })),
        new("paths4", "up to 3 paths of ≤ 4 hops, pilot → organisation", async (http, ct) => LoadRequest.GraphQL("paths4",
            "query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { length nodes { id title } } }",
            new { from = await FirstIdAsync(http, "pilots", ct), to = await FirstIdAsync(http, "organisations", ct) })),
        new("search10", "search, 10 hits", (_, _) => Task.FromResult(LoadRequest.GraphQL("search10",
            "query Search($q: String!) { search(query: $q, first: 10) { totalCount nodes { __typename score entity { id kind title } } } }",
            new { q = "Smart" }))),
        new("facets", "event facets: status, year, type of a filtered list", (_, _) => Task.FromResult(LoadRequest.GraphQL("facets",
            "query Facets($since: Date!) { events(first: 10, where: { startDate: { gte: $since } }) { totalCount nodes { title } facets { status { value count } startYear { value count } type { value count } } } }",
            new { since = "2021-01-01" }))),
        new("export", "export of the whole graph (GET /export/kb.json)", (_, _) => Task.FromResult(LoadRequest.Get("export", "export/kb.json")), Bulk: true),
    ];

    private static Task<string> FirstIdAsync(HttpClient http, string connection, CancellationToken ct) =>
        IdAsync(http, $"{{ {connection}(first: 1) {{ nodes {{ id }} }} }}", data => data[connection]?["nodes"]?[0]?["id"], ct);

    private static async Task<string> IdAsync(HttpClient http, string query, Func<JsonNode, JsonNode?> pick, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("graphql", new { query }, ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
        return (answer?["data"] is { } data ? pick(data)?.GetValue<string>() : null)
            ?? throw new InvalidOperationException($"No id in the answer to {query}: {answer?.ToJsonString()}");
    }
}
