using Snapshooter;
using Snapshooter.Xunit;

namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>The generated code for representative documents, checked against reviewed snapshots; each must also compile.</summary>
public sealed class GeneratorSnapshotTests
{
    [Theory]
    [InlineData("EveryVariableType", TestDocuments.EveryVariableType)]
    [InlineData("InterfaceWithFragments", TestDocuments.InterfaceWithFragments)]
    [InlineData("NestedConnections", TestDocuments.NestedConnections)]
    [InlineData("MutationWithAlias", TestDocuments.MutationWithAlias)]
    [InlineData("ConditionalFields", TestDocuments.ConditionalFields)]
    [InlineData("FilterAndSort", TestDocuments.FilterAndSort)]
    public void Generated_code_matches_its_snapshot(string name, string operation)
    {
        var run = GeneratorRunner.Run([("/demo/schema.graphql", TestDocuments.Schema), ("/demo/" + name + ".graphql", operation)]);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Match(run.AllSources(), SnapshotNameExtension.Create(name));
    }

    [Fact]
    public void The_projects_own_operations_generate_the_client_the_sample_uses()
    {
        var files = new[] { RepositoryFiles.Schema }.Concat(RepositoryFiles.Operations).Select(f => (f, File.ReadAllText(f)));

        var run = GeneratorRunner.Run(files, rootNamespace: "SmartCityGraph.Client.Sample");

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Match(run.AllSources().Replace(RepositoryFiles.Root, "<repo>"));
    }

    [Fact]
    public void The_client_name_and_namespace_come_from_MSBuild()
    {
        var run = GeneratorRunner.Run(
            [("/demo/schema.graphql", TestDocuments.Schema), ("/demo/op.graphql", TestDocuments.MutationWithAlias)],
            clientName: "FruitClient",
            rootNamespace: "Orchard.Api");

        Assert.Empty(run.CompileErrors);
        var client = run.Sources.Single(s => s.HintName == "FruitClient.Client.g.cs").Text;
        Assert.Contains("namespace Orchard.Api;", client);
        Assert.Contains("public partial interface IFruitClient", client);
        Assert.Contains("IRenameMutation Rename { get; }", client);
        Assert.Contains("public static GraphQLClientBuilder AddFruitClient(this IServiceCollection services)", run.Sources.Single(s => s.HintName == "FruitClient.DependencyInjection.g.cs").Text);
    }

    [Fact]
    public void Interface_selections_ask_for_typename_so_the_client_can_tell_the_types_apart()
    {
        var run = GeneratorRunner.Run([("/demo/schema.graphql", TestDocuments.Schema), ("/demo/op.graphql", TestDocuments.InterfaceWithFragments)]);

        var source = run.Sources.Single(s => s.HintName == "SmartCityClient.GetNode.g.cs").Text;
        Assert.Contains("node(id: $id) { __typename", source);
        Assert.Contains("owner { __typename name }", source);
        Assert.Contains("fragment NameParts on Named { name }", source);
    }

    [Fact]
    public void A_fragment_of_plain_fields_is_an_interface_the_results_that_spread_it_implement()
    {
        const string operations = """
            query Shops { shops { nodes { ...ShopRef ...ShopDates owner { ...Label } } } }
            fragment ShopRef on Shop { id name }
            fragment ShopDates on Shop { name opened }
            fragment Label on Named { name }
            """;
        const string userCode = """
            namespace Demo;
            public static class Usage
            {
                public static string Describe(IShopRef shop) => shop.Id + " " + shop.Name;
                public static string Owner(ILabel label) => label.Name;
                public static string First(IShopsResult result) => Describe(result.Shops.Nodes[0]) + result.Shops.Nodes[0].Opened + Owner(result.Shops.Nodes[0].Owner!);
            }
            """;

        var run = GeneratorRunner.Run([("/demo/schema.graphql", TestDocuments.Schema), ("/demo/op.graphql", operations)], userCode: userCode);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        var source = run.Sources.Single(s => s.HintName == "SmartCityClient.Shops.g.cs").Text;
        // ShopDates shares "name" with ShopRef: extending both would make Name ambiguous, so only the first is used.
        Assert.Contains("public partial interface IShops_Shops_Nodes : IShopRef\n", source);
        Assert.Contains("public partial interface IShops_Shops_Nodes_Owner : ILabel\n", source);
    }
}
