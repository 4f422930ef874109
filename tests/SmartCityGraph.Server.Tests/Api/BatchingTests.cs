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
        // 1 for the root, 2 per relation field (links, then entities by id), 1 per totalCount: the shape's count.
        Assert.InRange(large.SqlStatements, 1, 20);
    }
}

public sealed class BatchingTestsOnSqlite(SeededSqliteServer server) : BatchingTests(server), IClassFixture<SeededSqliteServer>;

public sealed class BatchingTestsOnPostgres(SeededPostgresServer server) : BatchingTests(server), IClassFixture<SeededPostgresServer>;
