using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>
/// Filters across relations — to-many with some/none/all/any, to-one with the related type's own input — agree
/// with the relations as the graph fields show them.
/// </summary>
public abstract class RelationFilterTests(SeededServer server)
{
    /// <summary>Every item of a root connection with <paramref name="selection"/> (the seed fits one page).</summary>
    private async Task<List<JsonNode>> AllAsync(string connection, string selection)
    {
        var page = (await server.Http.PostGraphQLAsync($"{{ {connection}(first: 100) {{ totalCount nodes {{ id {selection} }} }} }}"))
            .AssertNoErrors().Data[connection]!;
        Assert.True(page["totalCount"]!.GetValue<int>() <= 100, $"{connection} should fit one page");
        return [.. page["nodes"].Items()];
    }

    private async Task<HashSet<string>> IdsAsync(string connection, string where) =>
        [.. (await server.Http.PostGraphQLAsync($"{{ {connection}(first: 100, where: {where}) {{ nodes {{ id }} }} }}"))
            .AssertNoErrors().Data[connection]!["nodes"].Items().Select(n => n["id"].Text())];

    /// <summary>The items some of whose related items match, by the filter and by reading the relation.</summary>
    private async Task AssertToManyAsync(string connection, string relation, string inner, string selection, Func<JsonNode, IEnumerable<JsonNode>> related, Func<JsonNode, bool> matches)
    {
        var all = await AllAsync(connection, selection);
        var expected = all.Where(n => related(n).Any(matches)).Select(n => n["id"].Text()).ToHashSet();
        var some = await IdsAsync(connection, $"{{ {relation}: {{ some: {inner} }} }}");
        var none = await IdsAsync(connection, $"{{ {relation}: {{ none: {inner} }} }}");
        var every = await IdsAsync(connection, $"{{ {relation}: {{ all: {inner} }} }}");

        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(some), $"{connection} with some {relation} matching {inner}");
        Assert.Empty(some.Intersect(none));
        Assert.Equal(all.Count, some.Count + none.Count);
        var expectedAll = all.Where(n => related(n).All(matches)).Select(n => n["id"].Text()).ToHashSet();
        Assert.True(expectedAll.SetEquals(every), $"{connection} whose {relation} all match {inner}");
    }

    [SkippableFact]
    public async Task Organisations_by_their_events() =>
        await AssertToManyAsync("organisations", "events", "{ startDate: { gte: \"2021-06-01\" } }",
            "events(first: 100) { nodes { startDate } }", o => o["events"]!["nodes"].Items(),
            e => string.CompareOrdinal(e["startDate"].Text(), "2021-06-01") >= 0);

    [SkippableFact]
    public async Task Organisations_by_their_pilots() =>
        await AssertToManyAsync("organisations", "pilots", "{ title: { contains: \"smart\" } }",
            "pilots(first: 100) { nodes { title } }", o => o["pilots"]!["nodes"].Items(),
            p => p["title"].Text().Contains("smart", StringComparison.OrdinalIgnoreCase));

    [SkippableFact]
    public async Task Pilots_by_their_partners_and_funders()
    {
        await AssertToManyAsync("pilots", "partners", "{ type: { in: [RESEARCH, BUSINESS] } }",
            "partners { type }", p => p["partners"].Items(), o => o["type"]?.GetValue<string>() is "RESEARCH" or "BUSINESS");
        await AssertToManyAsync("pilots", "funders", "{ title: { contains: \"kfw\" } }",
            "funders { title }", p => p["funders"].Items(), o => o["title"].Text().Contains("kfw", StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task Phases_by_their_events() =>
        await AssertToManyAsync("phases", "events", "{ category: { eq: NETWORK } }",
            "events(first: 100) { nodes { category } }", p => p["events"]!["nodes"].Items(), e => e["category"].Text() == "NETWORK");

    [SkippableTheory]
    [InlineData("events", "phase", "{ title: { contains: \"Stufe 1\" } }", "phase { title }")]
    [InlineData("events", "pilot", "{ title: { contains: \"water\" } }", "pilot { title }")]
    [InlineData("pilots", "lead", "{ type: { eq: PUBLIC_ADMINISTRATION } }", "lead { type }")]
    [InlineData("phases", "parent", "{ title: { startsWith: \"Stufe\" } }", "parent { title }")]
    public async Task Items_by_their_one_related_item(string connection, string relation, string inner, string selection)
    {
        var all = await AllAsync(connection, selection);
        var field = selection.Split(' ')[2]; // the related item's field the condition reads
        var (name, value) = inner switch
        {
            _ when inner.Contains("contains") => ("contains", inner.Split('"')[1]),
            _ when inner.Contains("startsWith") => ("startsWith", inner.Split('"')[1]),
            _ => ("eq", inner.Split("eq: ")[1].Split(' ')[0]),
        };
        bool Matches(JsonNode? item) => item?[field]?.GetValue<string>() is { } text && name switch
        {
            "contains" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
            "startsWith" => text.StartsWith(value, StringComparison.OrdinalIgnoreCase),
            _ => text == value,
        };
        var expected = all.Where(n => Matches(n[relation])).Select(n => n["id"].Text()).ToHashSet();

        var found = await IdsAsync(connection, $"{{ {relation}: {inner} }}");

        Assert.NotEmpty(expected);
        Assert.True(expected.SetEquals(found), $"{connection} whose {relation} matches {inner}");
    }
}

public sealed class RelationFilterTestsOnSqlite(SeededSqliteServer server) : RelationFilterTests(server), IClassFixture<SeededSqliteServer>;

public sealed class RelationFilterTestsOnPostgres(SeededPostgresServer server) : RelationFilterTests(server), IClassFixture<SeededPostgresServer>;
