using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>
/// Root connections read only the columns their selected fields declared (ProjectionBuilder), and that never
/// changes an answer.
/// </summary>
public abstract partial class ProjectionTests(SqlLoggingServer server)
{
    private static readonly Dictionary<string, string> NodeTypes = new()
    {
        ["strategies"] = "Strategy",
        ["phases"] = "Phase",
        ["events"] = "Event",
        ["organisations"] = "Organisation",
        ["pilots"] = "Pilot",
        ["strategyElements"] = "StrategyElement",
        ["participationStrands"] = "ParticipationStrand",
        ["documents"] = "Document",
        ["results"] = "Result",
        ["terms"] = "Term",
        ["collections"] = "Collection",
        ["series"] = "Series",
    };

    public static TheoryData<string> RootConnections => [.. NodeTypes.Keys];

    /// <summary>The column list of the one statement that read the page of entities.</summary>
    private async Task<string> PageColumnsAsync(string query)
    {
        server.Sql.Clear();
        (await server.Http.PostGraphQLAsync(query)).AssertNoErrors();
        var page = Assert.Single(server.Sql.Statements, s => s.Contains("FROM \"Entities\"") && s.Contains("LIMIT"));
        // EF Core quotes the table alias ("e"."Id") on SQLite, not on PostgreSQL, nor do the prepared pages (e."Id"): compare
        // in EF Core's SQLite spelling, and in column order (EF Core lists them by member name, the prepared pages as mapped).
        var columns = SelectList().Match(page).Groups["columns"].Value.Replace("e.\"", "\"e\".\"").Replace("\"\"e\".", "\"e\".");
        return string.Join(", ", columns.Split(", ").Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [MemberData(nameof(RootConnections))]
    public async Task A_page_selecting_only_title_reads_no_other_column(string connection)
    {
        var columns = await PageColumnsAsync($"{{ {connection}(first: 5) {{ nodes {{ title }} }} }}");

        // Id and Key are always read (relation loaders and cursors key on the id; the key names the entity); the
        // title reads its German and English versions too, since the request's language picks one.
        Assert.Equal("\"e\".\"Id\", \"e\".\"Key\", \"e\".\"Title\", \"e\".\"TitleDe\", \"e\".\"TitleEn\"", columns);
    }

    [SkippableFact]
    public async Task Whole_entities_are_read_for_the_sources_only_where_selected()
    {
        var titles = await PageColumnsAsync("{ events(first: 5) { edges { node { title } } } }");
        var cited = await PageColumnsAsync("{ events(first: 5) { nodes { ...Cited } } } fragment Cited on Entity { citation }");

        Assert.DoesNotContain("Sources", titles);
        Assert.DoesNotContain("Summary", titles);
        // A citation names the first source and the revision that last changed the entity.
        Assert.Equal("\"e\".\"Id\", \"e\".\"Key\", \"e\".\"RevisedAt\", \"e\".\"Revision\", \"e\".\"Sources\", \"e\".\"Title\"", cited);
    }

    [SkippableFact]
    public async Task A_sorted_page_reads_its_sort_keys_for_the_cursors()
    {
        var columns = await PageColumnsAsync("{ events(first: 5, order: [{ endDate: DESC }]) { nodes { status } } }");

        Assert.Equal("\"e\".\"Cancelled\", \"e\".\"EndDate\", \"e\".\"Id\", \"e\".\"Key\", \"e\".\"StartDate\"", columns);
    }

    /// <summary>Every field of a type that takes no required argument, with a small selection below it.</summary>
    private async Task<List<string>> FieldSelectionsAsync(string typeName)
    {
        var fields = await TypeFieldsAsync(typeName);
        var selections = new List<string>();
        foreach (var field in fields)
        {
            var name = field["name"].Text();
            var (kind, type) = NamedType(field["type"]!);
            if (kind is "SCALAR" or "ENUM")
            {
                selections.Add(name);
                continue;
            }
            var below = new List<string>();
            foreach (var inner in await TypeFieldsAsync(type))
            {
                var (innerKind, innerType) = NamedType(inner["type"]!);
                if (innerKind is "SCALAR" or "ENUM") below.Add(inner["name"].Text());
                else if (inner["name"].Text() == "nodes") below.Add("nodes { id }");
            }
            selections.Add($"{name} {{ {string.Join(" ", below)} }}");
        }
        return selections;
    }

    private async Task<List<JsonNode>> TypeFieldsAsync(string typeName)
    {
        var answer = await server.Http.PostGraphQLAsync("""
            query($name: String!) { __type(name: $name) { fields { name args { type { kind } }
              type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
            """, new { name = typeName });
        return answer.AssertNoErrors().Data["__type"]!["fields"].Items()
            .Where(f => f["args"].Items().All(a => a["type"]!["kind"].Text() != "NON_NULL"))
            .ToList();
    }

    private static (string Kind, string Name) NamedType(JsonNode type)
    {
        while (type["ofType"] is { } inner) type = inner;
        return (type["kind"].Text(), type["name"].Text());
    }

    private async Task<JsonArray> NodesAsync(string connection, string selection)
    {
        var page = (await server.Http.PostGraphQLAsync($"{{ {connection}(first: 100) {{ nodes {{ {selection} }} pageInfo {{ hasNextPage }} }} }}"))
            .AssertNoErrors().Data[connection]!;
        Assert.False(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>(), $"{connection} should fit one page");
        return page["nodes"]!.AsArray();
    }

    [SkippableTheory]
    [MemberData(nameof(RootConnections))]
    public async Task Every_field_answers_the_same_alone_together_and_from_whole_entities(string connection)
    {
        var selections = await FieldSelectionsAsync(NodeTypes[connection]);
        var together = await NodesAsync(connection, string.Join(" ", selections));
        // node/nodes(ids:) read whole entities: the answer without any projection.
        var ids = together.Select(n => n!["id"].Text()).ToArray();
        var whole = (await server.Http.PostGraphQLAsync(
                $"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {NodeTypes[connection]} {{ {string.Join(" ", selections)} }} }} }}", new { ids }))
            .AssertNoErrors().Data["nodes"]!.AsArray();
        Assert.NotEmpty(together);

        foreach (var selection in selections)
        {
            var field = selection.Split(' ')[0];
            var alone = await NodesAsync(connection, selection);
            Assert.Equal(together.Count, alone.Count);
            for (var i = 0; i < together.Count; i++)
            {
                Assert.True(JsonNode.DeepEquals(together[i]![field], alone[i]![field]),
                    $"{connection}[{i}].{field}: together {together[i]![field]?.ToJsonString()}, alone {alone[i]![field]?.ToJsonString()}");
                Assert.True(JsonNode.DeepEquals(together[i]![field], whole[i]![field]),
                    $"{connection}[{i}].{field}: together {together[i]![field]?.ToJsonString()}, whole {whole[i]![field]?.ToJsonString()}");
            }
        }
    }

    /// <summary>Every parent's items of a nested connection, in order, as one flat list.</summary>
    private async Task<List<JsonNode>> NestedNodesAsync(string parents, string field, string arguments, string selection)
    {
        var answer = (await server.Http.PostGraphQLAsync(
            $"{{ {parents}(first: 10) {{ nodes {{ {field}(first: 40{arguments}) {{ nodes {{ {selection} }} }} }} }} }}")).AssertNoErrors();
        return [.. answer.Data[parents]!["nodes"].Items().SelectMany(parent => parent[field]!["nodes"].Items())];
    }

    [SkippableTheory]
    [InlineData("phases", "events", "Event", "")]
    [InlineData("phases", "events", "Event", ", order: [{ endDate: DESC }], where: { title: { contains: \"e\" } }")]
    [InlineData("organisations", "pilots", "Pilot", "")]
    [InlineData("strategies", "phases", "Phase", ", order: [{ startDate: ASC }]")]
    public async Task Every_field_of_a_nested_connection_answers_the_same_alone_together_and_from_whole_entities(
        string parents, string field, string itemType, string arguments)
    {
        var selections = await FieldSelectionsAsync(itemType);
        var together = await NestedNodesAsync(parents, field, arguments, string.Join(" ", selections));
        var ids = together.Select(n => n["id"].Text()).ToArray();
        var whole = (await server.Http.PostGraphQLAsync(
                $"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {itemType} {{ {string.Join(" ", selections)} }} }} }}", new { ids = ids.Distinct().Take(100).ToArray() }))
            .AssertNoErrors().Data["nodes"]!.AsArray().ToDictionary(n => n!["id"].Text());
        Assert.NotEmpty(together);

        foreach (var selection in selections)
        {
            var name = selection.Split(' ')[0];
            var alone = await NestedNodesAsync(parents, field, arguments, "id " + selection);
            Assert.Equal(ids, alone.Select(n => n["id"].Text()));
            for (var i = 0; i < together.Count; i++)
            {
                Assert.True(JsonNode.DeepEquals(together[i][name], alone[i][name]), $"{field}[{i}].{name} alone differs");
                if (whole.TryGetValue(ids[i], out var entity))
                    Assert.True(JsonNode.DeepEquals(together[i][name], entity![name]), $"{field}[{i}].{name} differs from the whole entity");
            }
        }
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData(", order: [{ startDate: DESC }]")]
    public async Task A_nested_page_selecting_only_title_reads_no_other_column(string arguments)
    {
        server.Sql.Clear();
        (await server.Http.PostGraphQLAsync($"{{ phases(first: 3) {{ nodes {{ events(first: 3{arguments}) {{ nodes {{ title }} }} }} }} }}")).AssertNoErrors();

        // The statement that read the events: with the window (default order, a prepared read of the kind: $kind on SQLite, "Kind" = $n on PostgreSQL), or inside it.
        var read = Assert.Single(server.Sql.Statements, s => s.Contains("\"Title\"") && (s.Contains("'Event'") || s.Contains("$kind") || s.Contains("\"Kind\" = $")));
        Assert.DoesNotContain("Sources", read);
        Assert.DoesNotContain("Summary", read);
        Assert.DoesNotContain("\"Url\"", read);
    }

    [SkippableTheory]
    [InlineData("events", "phase", "Phase")]
    [InlineData("events", "organisers", "Organisation")]
    [InlineData("events", "pilot", "Pilot")]
    [InlineData("events", "strands", "ParticipationStrand")]
    [InlineData("pilots", "lead", "Organisation")]
    [InlineData("pilots", "funders", "Organisation")]
    [InlineData("phases", "parent", "Phase")]
    [InlineData("strategies", "elements", "StrategyElement")]
    public async Task A_neighbour_field_reading_one_column_answers_as_the_whole_entity(string connection, string field, string neighbourType)
    {
        var scalars = (await TypeFieldsAsync(neighbourType)).Where(f => NamedType(f["type"]!).Kind is "SCALAR" or "ENUM")
            .Select(f => f["name"].Text()).ToList();
        var neighbours = (await server.Http.PostGraphQLAsync($"{{ {connection}(first: 100) {{ nodes {{ {field} {{ id }} }} }} }}"))
            .AssertNoErrors().Data[connection]!["nodes"].Items()
            .SelectMany(n => n[field] is JsonArray list ? list.Select(x => x!) : n[field] is { } one ? [one] : [])
            .Select(n => n["id"].Text()).Distinct().ToArray();
        Assert.NotEmpty(neighbours);
        // node/nodes read whole entities: the reference.
        var whole = (await server.Http.PostGraphQLAsync(
                $"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ ... on {neighbourType} {{ {string.Join(" ", scalars)} }} }} }}", new { ids = neighbours.Take(100).ToArray() }))
            .AssertNoErrors().Data["nodes"]!.AsArray().ToDictionary(n => n!["id"].Text());

        foreach (var scalar in scalars)
        {
            var items = (await server.Http.PostGraphQLAsync($"{{ {connection}(first: 100) {{ nodes {{ {field} {{ id {scalar} }} }} }} }}"))
                .AssertNoErrors().Data[connection]!["nodes"].Items()
                .SelectMany(n => n[field] is JsonArray list ? list.Select(x => x!) : n[field] is { } one ? [one] : []);
            foreach (var item in items)
                if (whole.TryGetValue(item["id"].Text(), out var entity))
                    Assert.True(JsonNode.DeepEquals(item[scalar], entity![scalar]),
                        $"{connection}.{field}.{scalar} of {item["id"].Text()}: {item[scalar]?.ToJsonString()} vs whole {entity![scalar]?.ToJsonString()}");
        }
    }

    [SkippableFact]
    public async Task Two_selections_of_one_neighbour_field_each_get_what_they_read()
    {
        var answer = (await server.Http.PostGraphQLAsync(
            "{ events(first: 100) { nodes { named: organisers { id title } typed: organisers { id type url } } } }")).AssertNoErrors();
        var reference = (await server.Http.PostGraphQLAsync("{ organisations(first: 100) { nodes { id title type url } } }"))
            .AssertNoErrors().Data["organisations"]!["nodes"].Items().ToDictionary(n => n["id"].Text());

        var typed = answer.Data["events"]!["nodes"].Items().SelectMany(e => e["typed"]!.AsArray()).ToList();
        Assert.Contains(typed, o => o!["type"] is not null);
        foreach (var organisation in typed)
        {
            var whole = reference[organisation!["id"].Text()];
            Assert.True(JsonNode.DeepEquals(whole["url"], organisation["url"]) && JsonNode.DeepEquals(whole["type"], organisation["type"]));
        }
        Assert.All(answer.Data["events"]!["nodes"].Items().SelectMany(e => e["named"]!.AsArray()),
            o => Assert.Equal(reference[o!["id"].Text()]["title"].Text(), o["title"].Text()));
    }

    [SkippableFact]
    public async Task A_neighbour_field_selecting_only_title_reads_no_other_column()
    {
        server.Sql.Clear();
        (await server.Http.PostGraphQLAsync("{ events(first: 100) { nodes { organisers { title } } } }")).AssertNoErrors();

        // The statement that read the organisers (a prepared read of the links and the neighbours of kind $kind, or "Kind" = $n).
        var read = Assert.Single(server.Sql.Statements, s => (s.Contains("'Organisation'") || s.Contains("$kind") || s.Contains("\"Kind\" = $")) && s.Contains("\"Title\""));
        Assert.DoesNotContain("Sources", read);
        Assert.DoesNotContain("Summary", read);
    }

    [SkippableFact]
    public async Task The_data_holds_a_cancelled_event()
    {
        var statuses = await NodesAsync("events", "status");

        Assert.Contains(statuses, n => n!["status"].Text() == "CANCELLED");
    }

    [SkippableTheory]
    [InlineData("events", "endDate", "DESC", 7)]
    [InlineData("events", "startDate", "ASC", 9)]
    [InlineData("organisations", "abbreviation", "ASC", 5)]
    [InlineData("pilots", "endDate", "DESC", 2)]
    [InlineData("phases", "title", "DESC", 3)]
    public async Task A_sorted_page_selecting_neither_sort_key_nor_id_pages_forwards_and_backwards_in_order(
        string connection, string key, string direction, int size)
    {
        // The expected order from whole entities: by the key (no value first ascending, last descending), ties by
        // the internal id in the key's direction; the default order gives the internal id's rank.
        var all = await NodesAsync(connection, $"id {key}");
        var ranked = all.Select((n, rank) => (Id: n!["id"].Text(), Value: n[key]?.GetValue<string>(), Rank: rank)).ToList();
        var ascending = ranked.OrderBy(n => n.Value, StringComparer.Ordinal).ThenBy(n => n.Rank);
        var expected = (direction == "ASC" ? ascending : ranked.OrderByDescending(n => n.Value, StringComparer.Ordinal).ThenByDescending(n => n.Rank))
            .Select(n => n.Id).ToList();

        Assert.Equal(expected, await WalkAsync(connection, $"order: [{{ {key}: {direction} }}]", size, backward: false));
        Assert.Equal(expected, await WalkAsync(connection, $"order: [{{ {key}: {direction} }}]", size, backward: true));
    }

    /// <summary>The ids of every page in turn; only the items' id (and the page's cursors) are selected.</summary>
    private async Task<List<string>> WalkAsync(string connection, string order, int size, bool backward)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var pages = 1; ; pages++)
        {
            // A cursor made without its sort keys would not move on: fail instead of walking forever.
            Assert.True(pages <= 200, $"{connection} is still paging after 200 pages");
            var query = backward
                ? $"query($c: String) {{ {connection}(last: {size}, before: $c, {order}) {{ edges {{ node {{ id }} }} pageInfo {{ hasPreviousPage startCursor }} }} }}"
                : $"query($c: String) {{ {connection}(first: {size}, after: $c, {order}) {{ edges {{ node {{ id }} }} pageInfo {{ hasNextPage endCursor }} }} }}";
            var page = (await server.Http.PostGraphQLAsync(query, new { c = cursor })).AssertNoErrors().Data[connection]!;
            ids.InsertRange(backward ? 0 : ids.Count, page["edges"].Items().Select(e => e["node"]!["id"].Text()));
            var info = page["pageInfo"]!;
            if (!info[backward ? "hasPreviousPage" : "hasNextPage"]!.GetValue<bool>()) return ids;
            cursor = info[backward ? "startCursor" : "endCursor"].Text();
        }
    }

    [GeneratedRegex("^SELECT (?<columns>.*?)\\s*\\nFROM", RegexOptions.Singleline)]
    private static partial Regex SelectList();
}

public sealed class ProjectionTestsOnSqlite(SqlLoggingSqliteServer server) : ProjectionTests(server), IClassFixture<SqlLoggingSqliteServer>;

public sealed class ProjectionTestsOnPostgres(SqlLoggingPostgresServer server) : ProjectionTests(server), IClassFixture<SqlLoggingPostgresServer>;
