namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>How an operation's variables become ExecuteAsync's parameters.</summary>
public sealed class GeneratorParametersTests
{
    [Fact]
    public void Optional_variables_are_optional_parameters_so_adding_one_at_the_end_keeps_calls_compiling()
    {
        const string userCode = """
            namespace Demo;
            using System.Threading;
            public static class Calls
            {
                public static void All(ISmartCityClient client, CancellationToken ct)
                {
                    _ = client.GetFruits.ExecuteAsync();
                    _ = client.GetFruits.ExecuteAsync(2);
                    _ = client.GetFruits.ExecuteAsync(2, null);
                    _ = client.GetFruits.ExecuteAsync(first: 2, order: [new() { Name = SortDirection.Asc }], cancellationToken: ct);
                    _ = client.GetShop.ExecuteAsync(null, "id");
                    _ = client.GetShop.ExecuteAsync(1, "id", ct);
                    _ = client.GetShopsPage.ExecuteAsync();
                }
            }
            """;
        const string getShop = "query GetShop($first: Int = 3, $id: ID!) { node(id: $id) { ... on Shop { fruits(first: $first) { pageInfo { hasNextPage } } } } }";
        const string getShopsPage = "query GetShopsPage($first: Int! = 5) { shops(first: $first) { totalCount } }";

        var run = GeneratorRunner.Run(
            [("/demo/schema.graphql", TestDocuments.Schema), ("/demo/GetFruits.graphql", TestDocuments.FilterAndSort), ("/demo/GetShop.graphql", getShop), ("/demo/GetShopsPage.graphql", getShopsPage)],
            userCode: userCode);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        var fruits = run.Sources.Single(s => s.HintName == "SmartCityClient.GetFruits.g.cs").Text;
        Assert.Contains("ExecuteAsync(int? first = null, FruitFilterInput? where = null, IReadOnlyList<FruitSortInput>? order = null, CancellationToken cancellationToken = default);", fruits);
        // A variable with a default may be left out too, but a required one after it keeps it positional.
        var shop = run.Sources.Single(s => s.HintName == "SmartCityClient.GetShop.g.cs").Text;
        Assert.Contains("ExecuteAsync(int? first, string id, CancellationToken cancellationToken = default);", shop);
        // Int! = 5 may be left out as well: a null parameter is not sent and the operation's default applies.
        var page = run.Sources.Single(s => s.HintName == "SmartCityClient.GetShopsPage.g.cs").Text;
        Assert.Contains("ExecuteAsync(int? first = null, CancellationToken cancellationToken = default);", page);
        Assert.Contains("if (first is { } firstValue)", page);
    }
}
