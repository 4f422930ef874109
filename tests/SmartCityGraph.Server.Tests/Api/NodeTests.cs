using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

public abstract class NodeTests(SeededServer server)
{
    private static readonly string[] RootConnections =
        ["strategies", "phases", "events", "organisations", "pilots", "strategyElements", "participationStrands",
         "documents", "results", "terms", "collections", "series"];

    [SkippableFact]
    public async Task Nodes_round_trips_every_kind()
    {
        foreach (var connection in RootConnections)
        {
            var page = await server.Http.PostGraphQLAsync($"{{ {connection}(first: 5) {{ nodes {{ id kind title }} }} }}");
            var originals = page.AssertNoErrors().Data[connection]!["nodes"].Items().ToList();
            Assert.NotEmpty(originals);

            var ids = originals.Select(n => n["id"].Text()).ToArray();
            var found = await server.Http.PostGraphQLAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { kind title } } }", new { ids });

            Assert.Equal(
                originals.Select(n => n.ToJsonString()),
                found.AssertNoErrors().Data["nodes"].Items().Select(n => n.ToJsonString()));
        }
    }

    [SkippableFact]
    public async Task Node_finds_an_entity_by_its_global_id()
    {
        var pilot = (await server.Http.PostGraphQLAsync("{ pilots(first: 1) { nodes { id title } } }")).Data["pilots"]!["nodes"]![0]!;

        var answer = await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { id ... on Pilot { title } } }", new { id = pilot["id"].Text() });

        Assert.Equal(pilot["title"].Text(), answer.AssertNoErrors().Data["node"]!["title"].Text());
    }

    [SkippableTheory]
    [InlineData("not base64 at all!")]
    [InlineData("Zm9vYmFy")] // "foobar": no type
    [InlineData("Rm9vOmJhcg==")] // "Foo:bar": no such kind
    public async Task A_malformed_or_unknown_kind_id_is_INVALID_ID(string id)
    {
        var answer = await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal(200, answer.Status);
        Assert.Equal(["INVALID_ID"], answer.ErrorCodes);
        Assert.Null(answer.Json["data"]!["node"]);
    }

    [SkippableFact]
    public async Task An_id_of_no_entity_is_null_not_an_error()
    {
        var answer = await server.Http.PostGraphQLAsync("query($id: ID!) { node(id: $id) { id } }",
            new { id = Convert.ToBase64String("Pilot:no-such-pilot"u8.ToArray()) });

        Assert.Null(answer.AssertNoErrors().Data["node"]);
    }

    [SkippableFact]
    public async Task Nodes_refuses_more_than_100_ids()
    {
        var ids = Enumerable.Range(0, 101).Select(i => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Pilot:p{i}"))).ToArray();

        var answer = await server.Http.PostGraphQLAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Contains(answer.ErrorCodes, c => c is "INVALID_INPUT" or "COST_LIMIT_EXCEEDED");
    }

    [SkippableFact]
    public async Task Every_entity_has_a_source()
    {
        foreach (var connection in RootConnections)
        {
            string? after = null;
            do
            {
                var answer = await server.Http.PostGraphQLAsync(
                    $"query($after: String) {{ {connection}(first: 100, after: $after) {{ nodes {{ title sources {{ title }} }} pageInfo {{ hasNextPage endCursor }} }} }}",
                    new { after });
                var page = answer.AssertNoErrors().Data[connection]!;
                Assert.All(page["nodes"].Items(), n => Assert.NotEmpty(n["sources"]!.AsArray()));
                after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"].Text() : null;
            } while (after is not null);
        }
    }
}

public sealed class NodeTestsOnSqlite(SeededSqliteServer server) : NodeTests(server), IClassFixture<SeededSqliteServer>;

public sealed class NodeTestsOnPostgres(SeededPostgresServer server) : NodeTests(server), IClassFixture<SeededPostgresServer>;
