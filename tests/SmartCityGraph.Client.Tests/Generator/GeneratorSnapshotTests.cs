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
}
