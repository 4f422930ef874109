using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Graph;

public abstract class CitationTests(SeededServer server)
{
    [SkippableFact]
    public async Task Every_entity_cites_itself_with_its_first_source_and_the_data_set_version()
    {
        var answer = await server.Http.PostGraphQLAsync(
            "query($id: ID!) { node(id: $id) { ... on Entity { title citation sources { title } } } }",
            new { id = GlobalId.Encode("Pilot", "smart-water") });
        var node = answer.AssertNoErrors().Data["node"]!;
        var citation = node["citation"].Text();
        Assert.StartsWith("\"Smart Water\" (Pilot). In: SmartCityGraph", citation);
        Assert.Matches(@"data set [0-9a-f]{12},", citation);
        Assert.Contains("Source: " + node["sources"]![0]!["title"].Text(), citation);
    }

    [SkippableFact]
    public async Task Citations_cost_no_statement_of_their_own()
    {
        var plain = await server.Http.PostGraphQLAsync("{ events(first: 50) { nodes { title } } }");
        var cited = await server.Http.PostGraphQLAsync("{ events(first: 50) { nodes { title citation } } }");
        Assert.Equal(plain.AssertNoErrors().SqlStatements, cited.AssertNoErrors().SqlStatements);
    }
}

public sealed class CitationTestsOnSqlite(SeededSqliteServer server) : CitationTests(server), IClassFixture<SeededSqliteServer>;

public sealed class CitationTestsOnPostgres(SeededPostgresServer server) : CitationTests(server), IClassFixture<SeededPostgresServer>;
