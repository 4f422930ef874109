using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

/// <summary>Relation fields go through batching loaders: statements depend on the query's shape, not on the rows.</summary>
public abstract class BatchingTests(SeededServer server)
{
    private const string NestedQuery = """
        query($n: Int!) {
          organisations(first: $n) {
            nodes {
              title
              events(first: $n) { totalCount nodes { title phase { title parent { title } } organisers { title } } }
              pilots(first: $n) { nodes { lead { title } funders { title } } }
              relations(first: $n) { nodes { type from { title } to { title } } }
            }
          }
        }
        """;

    [SkippableFact]
    public async Task A_nested_query_runs_the_same_number_of_statements_for_3_and_for_40_parents()
    {
        var small = await server.Http.PostGraphQLAsync(NestedQuery, new { n = 3 });
        var large = await server.Http.PostGraphQLAsync(NestedQuery, new { n = 40 });

        small.AssertNoErrors();
        large.AssertNoErrors();
        Assert.True(large.Data["organisations"]!["nodes"]!.AsArray().Count > 3, "the seed should have more than 3 organisations");
        Assert.Equal(small.SqlStatements, large.SqlStatements);
        // 1 for the root, 1 per relation field (the links or window joined with the items), 1 per totalCount,
        // 1 for the relations' ends: the shape's count.
        Assert.Equal(11, large.SqlStatements);
    }

    [Fact]
    public async Task An_entitys_relations_with_both_ends_run_four_statements_however_many_there_are()
    {
        const string query = """
            query($id: ID!) { node(id: $id) { ... on Entity { relations(first: 50) { totalCount nodes { type from { title } to { title } } } } } }
            """;
        var few = await server.Http.PostGraphQLAsync(query, new { id = SmartCityGraph.GraphQL.Ids.GlobalId.Encode("Organisation", "senatskanzlei-berlin") });
        var many = await server.Http.PostGraphQLAsync(query, new { id = SmartCityGraph.GraphQL.Ids.GlobalId.Encode("Phase", "beteiligung-ausarbeitungsphase") });

        Assert.True(many.AssertNoErrors().Data["node"]!["relations"]!["totalCount"]!.GetValue<int>()
                    > few.AssertNoErrors().Data["node"]!["relations"]!["totalCount"]!.GetValue<int>());
        // The entity by key; its window of relations joined with the relations; totalCount; the other ends
        // (the entity itself is one end of each, already read).
        Assert.Equal(4, few.SqlStatements);
        Assert.Equal(4, many.SqlStatements);
    }
}

public sealed class BatchingTestsOnSqlite(SeededSqliteServer server) : BatchingTests(server), IClassFixture<SeededSqliteServer>;

public sealed class BatchingTestsOnPostgres(SeededPostgresServer server) : BatchingTests(server), IClassFixture<SeededPostgresServer>;
