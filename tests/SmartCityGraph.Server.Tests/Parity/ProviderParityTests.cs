using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Parity;

/// <summary>
/// One corpus of queries and exports, asked of a seeded server on SQLite and of one on PostgreSQL: the answers
/// must be the same, byte for byte — except search, where the same entities must be found (and counted), while
/// scores, highlights and the order among hits may differ (the engines rank differently).
/// </summary>
public sealed class ProviderParityTests(SeededSqliteServer sqlite, SeededPostgresServer postgres)
    : IClassFixture<SeededSqliteServer>, IClassFixture<SeededPostgresServer>
{
    private const string SmartWater = "UGlsb3Q6c21hcnQtd2F0ZXI=";                       // Pilot:smart-water
    private const string Hardenbergplatz = "UGlsb3Q6c21hcnQtc3BhY2UtaGFyZGVuYmVyZ3BsYXR6"; // Pilot:smart-space-hardenbergplatz
    private const string Technologiestiftung = "T3JnYW5pc2F0aW9uOnRlY2hub2xvZ2llc3RpZnR1bmctYmVybGlu";
    private const string Stage1 = "UGhhc2U6c3R1ZmUtMS1zdHJhdGVnaXNjaGVyLXJhaG1lbg==";  // Phase:stufe-1-strategischer-rahmen

    /// <summary>Queries whose answers must be identical. "$after"/"$before" are filled with a cursor each server gave itself.</summary>
    public static readonly TheoryData<string, string> Queries = new()
    {
        // node and nodes
        { "node pilot", $$"""{ node(id: "{{SmartWater}}") { id ... on Pilot { title seedTitle startDate endDate url lead { title } partners { title } funders { title } citation } } }""" },
        { "node organisation with relations", $$"""{ node(id: "{{Technologiestiftung}}") { ... on Organisation { title type url relations(first: 50) { totalCount nodes { type role from { kind title } to { kind title } sources { title url } } } } } }""" },
        { "node phase with events", $$"""{ node(id: "{{Stage1}}") { ... on Phase { title startDate endDate strategy { title adoptedOn } children { title } events(first: 50) { totalCount nodes { title startDate endDate status recordedStatus organisers { title } sources { title note } } } } } }""" },
        { "nodes mixed", $$"""{ nodes(ids: ["{{SmartWater}}", "{{Technologiestiftung}}", "{{Stage1}}", "UGlsb3Q6bm8tc3VjaA=="]) { id ... on Entity { kind title summary } } }""" },
        { "node unknown id", """{ node(id: "UGlsb3Q6bm8tc3VjaA==") { id } }""" },
        { "node malformed id", """{ node(id: "not base64!") { id } }""" },
        // every root connection, default order
        { "strategies", "{ strategies { totalCount nodes { id title adoptedOn url phases(first: 5) { totalCount nodes { title } } } } }" },
        { "phases", "{ phases(first: 50) { totalCount nodes { id title startDate endDate parent { title } children { title } strategy { title } } } }" },
        { "events first page", "{ events(first: 50) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id title startDate endDate status recordedStatus category type url } } }" },
        { "organisations", "{ organisations(first: 100) { totalCount nodes { id title type url } } }" },
        { "pilots", "{ pilots { totalCount nodes { title seedTitle startDate endDate lead { title } partners { title } funders { title } events(first: 5) { totalCount nodes { title } } } } }" },
        { "strategy elements", "{ strategyElements(first: 100) { totalCount nodes { id title type partOf { title } children { title } } } }" },
        { "participation strands", "{ participationStrands { totalCount nodes { title summary events(first: 10) { totalCount nodes { title } } } } }" },
        // orders
        { "events by date desc", "{ events(first: 20, order: [{ startDate: DESC }]) { nodes { title startDate } } }" },
        { "events by date asc then title", "{ events(first: 20, order: [{ startDate: ASC }, { title: ASC }]) { nodes { title startDate } } }" },
        { "events by end date (nulls)", "{ events(first: 30, order: [{ endDate: ASC }]) { nodes { title endDate } } }" },
        { "events by end date desc", "{ events(first: 30, order: [{ endDate: DESC }]) { nodes { title endDate } } }" },
        { "organisations by title", "{ organisations(first: 50, order: [{ title: ASC }]) { nodes { title } } }" },
        { "organisations by title desc", "{ organisations(first: 50, order: [{ title: DESC }]) { nodes { title } } }" },
        { "phases by start", "{ phases(order: [{ startDate: DESC }]) { nodes { title startDate } } }" },
        { "pilots by title", "{ pilots(order: [{ title: ASC }]) { nodes { title } } }" },
        // paging both ways
        { "events last page", "{ events(last: 7) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { title } } }" },
        { "events after a cursor", "{ events(first: 10, after: $after) { pageInfo { hasNextPage hasPreviousPage } nodes { title } } }" },
        { "events before a cursor", "{ events(last: 10, before: $before) { pageInfo { hasNextPage hasPreviousPage } nodes { title } } }" },
        { "sorted events after a cursor", "{ events(first: 10, after: $afterSorted, order: [{ startDate: DESC }]) { nodes { title startDate } } }" },
        { "organisations page 2", "{ organisations(first: 10, after: $afterOrganisations) { nodes { title } } }" },
        // filters
        { "events by category and date", """{ events(first: 50, where: { category: { eq: PARTICIPATION }, startDate: { gte: "2021-06-01" } }, order: [{ startDate: DESC }]) { totalCount nodes { title startDate } } }""" },
        { "events by status", "{ events(where: { status: { eq: FINISHED } }) { totalCount } }" },
        { "events by type in", "{ events(first: 50, where: { type: { in: [WORKSHOP, FORUM] } }) { totalCount nodes { title type } } }" },
        { "events title contains", """{ events(first: 50, where: { title: { contains: "smart" } }) { totalCount nodes { title } } }""" },
        { "events title startsWith", """{ events(first: 50, where: { title: { startsWith: "Work" } }) { totalCount nodes { title } } }""" },
        { "events title endsWith", """{ events(first: 50, where: { title: { endsWith: "Berlin" } }) { totalCount nodes { title } } }""" },
        { "events without end date", "{ events(first: 50, where: { endDate: { eq: null } }) { totalCount nodes { title } } }" },
        { "events or", """{ events(first: 50, where: { or: [{ type: { eq: SURVEY } }, { title: { contains: "forum" } }] }) { totalCount nodes { title } } }""" },
        { "events and nin", """{ events(first: 50, where: { and: [{ category: { neq: NETWORK } }, { type: { nin: [WORKSHOP] } }] }) { totalCount nodes { title } } }""" },
        { "events by organiser type", "{ events(first: 50, where: { organisers: { some: { type: { eq: CIVIL_SOCIETY } } } }, order: [{ startDate: DESC }]) { totalCount nodes { title organisers { title type } } } }" },
        { "events with no organiser", "{ events(where: { organisers: { any: false } }) { totalCount } }" },
        { "events all organisers administration", "{ events(where: { organisers: { all: { type: { eq: PUBLIC_ADMINISTRATION } } } }) { totalCount } }" },
        { "events of a phase", """{ events(where: { phase: { title: { contains: "Stufe 1" } } }) { totalCount nodes { title } } }""" },
        { "organisations with recent events", """{ organisations(where: { events: { some: { startDate: { gte: "2022-01-01" } } } }) { nodes { title events(first: 3, order: [{ startDate: DESC }]) { nodes { title startDate } } } } }""" },
        { "organisations by type", "{ organisations(where: { type: { in: [RESEARCH, BUSINESS] } }, order: [{ title: ASC }]) { totalCount nodes { title type } } }" },
        { "pilots with research partners", "{ pilots(where: { partners: { some: { type: { in: [RESEARCH, BUSINESS] } } } }) { nodes { title partners(where: { type: { in: [RESEARCH, BUSINESS] } }, order: [{ title: ASC }]) { title type } } } }" },
        { "pilots by lead", """{ pilots(where: { lead: { title: { contains: "Technologiestiftung" } } }) { nodes { title } } }""" },
        { "phases with events none", "{ phases(where: { events: { none: { category: { eq: NETWORK } } } }) { totalCount nodes { title } } }" },
        // nested lists, filtered and sorted
        { "phases nested events", "{ phases { nodes { title events(first: 3, where: { category: { eq: PARTICIPATION } }, order: [{ startDate: DESC }]) { totalCount nodes { title startDate } } } } }" },
        { "organisations nested events and pilots", "{ organisations(first: 20) { nodes { title events(first: 10) { nodes { title phase { title } organisers { title } } } pilots(first: 5) { nodes { title lead { title } } } } } }" },
        { "events nested organisers filtered", "{ events(first: 30) { nodes { title organisers(where: { type: { eq: CIVIL_SOCIETY } }, order: [{ title: ASC }]) { title } strands { title } pilot { title } } } }" },
        { "relations both directions", $$"""{ node(id: "{{SmartWater}}") { ... on Entity { out: relations(direction: OUT, first: 20) { totalCount nodes { type to { title } } } in: relations(direction: IN, types: [LEADS, PARTNER_IN, FUNDS], first: 20) { totalCount nodes { type role from { title } } } } } }""" },
        // graph, paths, timeline
        { "graph depth 2", $$"""{ graph(ids: ["{{SmartWater}}"], depth: 2, kinds: [ORGANISATION, PILOT]) { truncated nodes { id kind title } relations { type role from { id } to { id } } } }""" },
        { "graph depth 1 all", $$"""{ graph(ids: ["{{Technologiestiftung}}", "{{Stage1}}"], depth: 1) { truncated nodes { id } relations { id type } } }""" },
        { "graph limited", $$"""{ graph(ids: ["{{Stage1}}"], depth: 3, limit: 15) { truncated nodes { id } relations { id } } }""" },
        { "graph by types", $$"""{ graph(ids: ["{{SmartWater}}"], depth: 3, types: [LEADS, PARTNER_IN]) { nodes { title } relations { type } } }""" },
        { "paths", $$"""{ paths(from: "{{SmartWater}}", to: "{{Hardenbergplatz}}", maxHops: 4, first: 5) { length nodes { kind title } relations { type from { title } to { title } } } }""" },
        { "paths to organisation", $$"""{ paths(from: "{{Hardenbergplatz}}", to: "{{Technologiestiftung}}", maxHops: 5, first: 3) { length nodes { title } } }""" },
        { "timeline 2022", """{ timeline(from: "2022-01-01", to: "2022-06-30") { lane startDate endDate milestone entity { title } } }""" },
        { "timeline pilots", """{ timeline(kinds: [PILOT, PHASE]) { lane kind title startDate endDate } }""" },
        // facets and aggregates
        { "event facets", "{ events(first: 0) { totalCount facets { status { value count } category { value count } type { value count } recordedStatus { value count } startMonth { value count } startYear { value count } endMonth { value count } endYear { value count } organisers { value label count } organiserType { value count } } aggregate { startDate { min max } endDate { min max } } } }" },
        { "filtered facets", "{ civil: events(first: 0, where: { status: { eq: FINISHED }, organisers: { some: { type: { eq: CIVIL_SOCIETY } } } }) { totalCount facets { startMonth { value count } } aggregate { startDate { min max } } } }" },
        { "phase, pilot, organisation, strategy facets", "{ phases(first: 0) { facets { startYear { value count } } aggregate { startDate { min max } } } pilots(first: 0) { facets { partners { label count } funders { label count } startYear { value count } } } organisations(first: 0) { facets { type { value count } } } strategies(first: 0) { facets { adoptedYear { value count } } aggregate { adoptedOn { min max } } } strategyElements(first: 0) { facets { type { value count } } } }" },
        // errors answer alike
        { "page too large", "{ events(first: 1000) { nodes { title } } }" },
        { "bad cursor", """{ events(first: 5, after: "bm9wZQ==") { nodes { title } } }""" },
    };

    /// <summary>Searches: the same entities (and count) on both engines.</summary>
    public static readonly TheoryData<string> Searches = new()
    {
        "Wasser", "water", "Bürger", "burger", "hardenberg", "Senat", "Smart City", "Beteiligung", "workshop", "online consultation",
        "Technologiestiftung", "Strategie digital", "Kiezbox", "Daten", "Stadt",
    };

    /// <summary>Exports: the same bytes.</summary>
    public static readonly TheoryData<string> Exports = new()
    {
        "/export/kb.json", "/export/kb.graphml", "/export/kb.gexf", "/export/kb.jsonld", "/export/events.ics", "/export/events.csv", "/export/relations.csv",
    };

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task A_query_answers_the_same_on_both_engines(string name, string query)
    {
        var onSqlite = await AskAsync(sqlite, query);
        var onPostgres = await AskAsync(postgres, query);

        Assert.True(onSqlite == onPostgres, $"{name}:\nSQLite:     {onSqlite}\nPostgreSQL: {onPostgres}");
        Assert.DoesNotContain("INTERNAL_SERVER_ERROR", onSqlite);
    }

    [SkippableTheory]
    [MemberData(nameof(Searches))]
    public async Task A_search_finds_the_same_entities_on_both_engines(string text)
    {
        var query = "query($q: String!) { search(query: $q, first: 100) { totalCount nodes { score highlight entity { id } } } }";
        var onSqlite = (await sqlite.Http.PostGraphQLAsync(query, new { q = text })).AssertNoErrors().Data["search"]!;
        var onPostgres = (await postgres.Http.PostGraphQLAsync(query, new { q = text })).AssertNoErrors().Data["search"]!;

        Assert.Equal(onSqlite["totalCount"]!.GetValue<int>(), onPostgres["totalCount"]!.GetValue<int>());
        Assert.True(onSqlite["totalCount"]!.GetValue<int>() > 0, $"'{text}' should find something in the seed");
        Assert.Equal(Ids(onSqlite).Order(), Ids(onPostgres).Order());
        Assert.All(onPostgres["nodes"]!.AsArray(), hit => Assert.Contains("«", hit!["highlight"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task The_entity_that_ties_the_matches_together_ranks_first_on_both_engines()
    {
        // Ranking may differ in detail, not where relevance clearly differs: "Wasser" → the Smart Water pilot first.
        var query = """{ search(query: "Wasser", first: 3) { nodes { entity { id } } } }""";
        foreach (var server in new SeededServer[] { sqlite, postgres })
            Assert.Equal(SmartWater, (await server.Http.PostGraphQLAsync(query)).AssertNoErrors().Data["search"]!["nodes"]![0]!["entity"]!["id"]!.GetValue<string>());
    }

    [SkippableTheory]
    [MemberData(nameof(Exports))]
    public async Task An_export_is_the_same_on_both_engines(string path)
    {
        var onSqlite = await sqlite.Http.GetByteArrayAsync(path);
        var onPostgres = await postgres.Http.GetByteArrayAsync(path);

        Assert.True(onSqlite.AsSpan().SequenceEqual(onPostgres), $"{path} differs ({onSqlite.Length} vs {onPostgres.Length} bytes)");
    }

    [Fact]
    public void The_corpus_covers_every_root_field_with_at_least_fifty_queries()
    {
        var corpus = Rows(Queries).Select(row => (string)row[1]).Concat(Rows(Searches).Select(_ => "search")).ToList();
        Assert.True(corpus.Count + Rows(Exports).Count() >= 50, $"only {corpus.Count} queries");
        foreach (var root in new[] { "node(", "nodes(", "strategies", "phases", "events", "organisations", "pilots", "strategyElements",
                     "participationStrands", "search", "graph(", "paths(", "timeline(", "facets", "aggregate", "last:", "before:", "after:" })
            Assert.Contains(corpus, query => query.Contains(root));
    }

    /// <summary>The answer's JSON (data and errors) without the statement count, which may differ by engine.</summary>
    private static async Task<string> AskAsync(SeededServer server, string query)
    {
        var variables = new Dictionary<string, string?>();
        foreach (var (name, cursorQuery, path) in CursorSources)
            if (System.Text.RegularExpressions.Regex.IsMatch(query, System.Text.RegularExpressions.Regex.Escape(name) + @"\b"))
                variables[name[1..]] = (await server.Http.PostGraphQLAsync(cursorQuery)).AssertNoErrors().Data.AsObject().First().Value!["pageInfo"]![path]!.GetValue<string>();
        var declared = variables.Count == 0 ? query : $"query({string.Join(", ", variables.Keys.Select(k => $"${k}: String"))}) {query}";
        var answer = await server.Http.PostGraphQLAsync(declared, variables);
        answer.Json.Remove("extensions");
        return answer.Json.ToJsonString();
    }

    private static readonly (string Variable, string Query, string Cursor)[] CursorSources =
    [
        ("$afterSorted", "{ events(first: 15, order: [{ startDate: DESC }]) { pageInfo { endCursor } } }", "endCursor"),
        ("$afterOrganisations", "{ organisations(first: 10) { pageInfo { endCursor } } }", "endCursor"),
        ("$after", "{ events(first: 25) { pageInfo { endCursor } } }", "endCursor"),
        ("$before", "{ events(last: 20) { pageInfo { startCursor } } }", "startCursor"),
    ];

    private static IEnumerable<object[]> Rows(IEnumerable<object[]> data) => data;

    private static IEnumerable<string> Ids(JsonNode search) => search["nodes"]!.AsArray().Select(hit => hit!["entity"]!["id"]!.GetValue<string>());
}
