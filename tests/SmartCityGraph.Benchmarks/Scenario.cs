using System.Text.Json.Nodes;

namespace SmartCityGraph.Benchmarks;

/// <summary>One measured request shape; <see cref="PrepareAsync"/> finds what it needs (e.g. a cursor) first.</summary>
internal sealed record Scenario(string Name, string Query, Func<GraphQLRequester, CancellationToken, Task<object?>>? PrepareAsync = null)
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("(a) first page of 50 events", "{ events(first: 50) { nodes { title startDate status } } }"),
        new("(b) last page of 50 events", "{ events(last: 50) { nodes { title startDate status } } }"),
        new("(c) 50 events after a cursor 90 % through",
            "query($after: String) { events(first: 50, after: $after) { nodes { title startDate status } } }",
            async (requester, ct) => new { after = await DeepCursor.FindAsync(requester, 0.9, ct) }),
        new("(d) 3-level nested: organisations → events/pilots → phase/organisers/lead",
            """
            { organisations(first: 20) { nodes { title
                events(first: 10) { nodes { title phase { title } organisers { title } } }
                pilots(first: 5) { nodes { title lead { title } } } } } }
            """),
        new("(e) filtered + sorted page of 50 events",
            """
            { events(first: 50, where: { category: { eq: PARTICIPATION }, startDate: { gte: "2021-06-01" } },
                     order: [{ startDate: DESC }]) { nodes { title startDate status } } }
            """),
        new("(i) nested, filtered + sorted: 10 phases → their 10 newest participation events",
            """
            { phases(first: 10) { nodes { title
                events(first: 10, where: { category: { eq: PARTICIPATION } }, order: [{ startDate: DESC }]) { totalCount nodes { title startDate } } } } }
            """),
        new("(j) nested, sorted over hubs: 20 organisations → their 10 newest events",
            """
            { organisations(first: 20) { nodes { title events(first: 10, order: [{ startDate: DESC }]) { nodes { title startDate } } } } }
            """),
        new("(f) full-text search, 20 hits", """{ search(query: "water", first: 20) { nodes { score highlight entity { title } } } }"""),
        new("(g) depth-2 neighbourhood of a pilot (limit 200)",
            "query($id: ID!) { graph(ids: [$id], depth: 2, limit: 200) { truncated nodes { id title } relations { type } } }",
            async (requester, ct) => new { id = await FirstIdAsync(requester, "pilots", ct) }),
        new("(h) up to 3 paths of at most 4 hops, pilot → organisation",
            "query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { length nodes { title } } }",
            async (requester, ct) => new { from = await FirstIdAsync(requester, "pilots", ct), to = await FirstIdAsync(requester, "organisations", ct) }),
    ];

    private static async Task<string> FirstIdAsync(GraphQLRequester requester, string connection, CancellationToken ct) =>
        (await requester.DataAsync($"{{ {connection}(first: 1) {{ nodes {{ id }} }} }}", ct: ct))[connection]!["nodes"]![0]!["id"]!.GetValue<string>();
}

/// <summary>
/// Finds the cursor of the event at a given fraction of the list by paging, as a client would.
/// It pages backwards from the end, because 90 % through is the shorter walk from there.
/// </summary>
internal static class DeepCursor
{
    private const int PageSize = 100; // the server's maximum page

    public static async Task<string> FindAsync(GraphQLRequester requester, double fraction, CancellationToken ct)
    {
        var total = (await requester.DataAsync("{ events(first: 1) { totalCount } }", ct: ct))["events"]!["totalCount"]!.GetValue<int>();
        var target = (int)(total * fraction); // the cursor of item #target (1-based) starts the page after it
        var position = total + 1;             // 1-based position of the page's first item
        string? before = null;
        while (true)
        {
            var page = (await requester.DataAsync(
                $"query($before: String) {{ events(last: {PageSize}, before: $before) {{ edges {{ cursor }} }} }}", new { before }, ct))["events"]!["edges"]!.AsArray();
            if (page.Count == 0) throw new InvalidOperationException("ran off the start of the list");
            position -= page.Count;
            if (position <= target) return page[target - position]!["cursor"]!.GetValue<string>();
            before = page[0]!["cursor"]!.GetValue<string>();
        }
    }
}
