using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>
/// The prepared reads on SQLite stay compiled: every shape of query, run again with other values, binds new values
/// into the statements prepared the first time, and SQLite never compiles one again (a statement recompiled on every
/// run paid its compilation every time: 40 % of the search statement).
/// </summary>
public sealed class PreparedReadTests(SeededSqliteServer server) : IClassFixture<SeededSqliteServer>
{
    private static readonly string SmartWater = GlobalId.Encode("Pilot", "smart-water");
    private static readonly string Hardenbergplatz = GlobalId.Encode("Pilot", "smart-space-hardenbergplatz");
    private static readonly string Technologiestiftung = GlobalId.Encode("Organisation", "technologiestiftung-berlin");

    private static readonly (string Query, object[] Variables)[] Shapes =
    [
        ("query($n: Int) { phases(first: $n) { nodes { title events(first: $n) { nodes { title startDate organisers { title } pilot { title } } } } } }",
            [new { n = 10 }, new { n = 3 }]),
        ("query($since: Date!, $n: Int) { events(where: { startDate: { gte: $since } }, order: [{ startDate: DESC }], first: $n) { nodes { id title } pageInfo { endCursor } } }",
            [new { since = "2021-06-01", n = 50 }, new { since = "2020-01-01", n = 5 }]),
        ("query($id: ID!, $n: Int) { node(id: $id) { ... on Entity { title relations(first: $n) { totalCount nodes { role from { id kind title } to { id kind title } } } } } }",
            [new { id = Technologiestiftung, n = 50 }, new { id = SmartWater, n = 2 }]),
        ("query($id: ID!, $n: Int) { node(id: $id) { ... on Pilot { partners { title } funders { title } events(first: $n) { nodes { title } } } } }",
            [new { id = SmartWater, n = 10 }, new { id = Hardenbergplatz, n = 1 }]),
        ("query($ids: [ID!]!, $depth: Int, $limit: Int) { graph(ids: $ids, depth: $depth, limit: $limit) { truncated nodes { id kind title } relations { type from { id } to { id } } } }",
            [new { ids = new[] { SmartWater }, depth = 2, limit = 200 }, new { ids = new[] { Hardenbergplatz, Technologiestiftung }, depth = 1, limit = 5 }]),
        ("query($from: ID!, $to: ID!, $hops: Int, $first: Int) { paths(from: $from, to: $to, maxHops: $hops, first: $first) { length nodes { id title } } }",
            [new { from = SmartWater, to = Technologiestiftung, hops = 4, first = 3 }, new { from = Hardenbergplatz, to = Technologiestiftung, hops = 3, first = 1 }]),
        ("query($q: String!, $n: Int) { search(query: $q, first: $n) { totalCount nodes { score entity { id kind title } } } }",
            [new { q = "Smart", n = 10 }, new { q = "Wasser", n = 3 }]),
        ("query($q: String!, $n: Int) { search(query: $q, first: $n, kinds: [EVENT, PILOT]) { nodes { highlight entity { id title summary } } pageInfo { endCursor } } }",
            [new { q = "Smart", n = 10 }, new { q = "Strategie", n = 2 }]),
        ("query($since: Date!) { events(first: 10, where: { startDate: { gte: $since } }) { totalCount facets { status { value count } startYear { value count } type { value count } } } }",
            [new { since = "2021-01-01" }, new { since = "2020-06-01" }]),
    ];

    [SkippableFact]
    public async Task Running_every_shape_again_with_other_values_recompiles_no_prepared_statement()
    {
        // Every shape with both values, then again: what SQLite compiles again on the second round, it compiles on every
        // run. (The first round may see a one-time recompilation: FTS5's own `PRAGMA data_version`, on a connection whose
        // first statements were the plain entity pages, was compiled again once and never after.)
        await RunEveryShapeWithBothValues();
        var before = Recompilations();
        await RunEveryShapeWithBothValues();
        var after = Recompilations();

        var again = after.Where(r => r.Value > before.GetValueOrDefault(r.Key)).ToList();
        Assert.True(again.Count == 0,
            "SQLite compiled these prepared statements again when they ran with other values:\n" +
            string.Join("\n\n", again.Select(r => $"({r.Value - before.GetValueOrDefault(r.Key)}x) {r.Key}")));
    }

    private async Task RunEveryShapeWithBothValues()
    {
        foreach (var (query, variables) in Shapes)
            foreach (var values in variables) // each statement runs with one value, then another
                (await server.Http.PostGraphQLAsync(query, values)).AssertNoErrors();
    }

    /// <summary>Recompilations per statement text, summed over the idle connections.</summary>
    private Dictionary<string, int> Recompilations() =>
        server.Factory.Services.GetRequiredService<SqliteReads>().Recompiled()
            .GroupBy(r => r.Sql).ToDictionary(g => g.Key, g => g.Sum(r => r.Recompilations));
}
