namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>
/// With the project's implicit usings the generated client's namespace is a global using, so top-level
/// statements (in the global namespace) see ISmartCityClient without a using; the package's props add the
/// runtime's namespace the same way (checked by tests/client-e2e/run.sh on a packed package).
/// </summary>
public sealed class GeneratorUsingsTests
{
    // Code in the global namespace, as top-level statements are.
    private const string GlobalNamespaceCode = """
        public static class TopLevel
        {
            public static object Client(Demo.ISmartCityClient direct) => direct;
            public static ISmartCityClient? Unqualified => null;
        }
        """;

    private static readonly (string, string)[] Files = [("/demo/schema.graphql", TestDocuments.Schema), ("/demo/op.graphql", TestDocuments.MutationWithAlias)];

    [Theory]
    [InlineData("enable")]
    [InlineData("true")]
    public void With_implicit_usings_the_generated_namespace_is_a_global_using(string implicitUsings)
    {
        var run = GeneratorRunner.Run(Files, userCode: GlobalNamespaceCode, buildProperties: new Dictionary<string, string> { ["ImplicitUsings"] = implicitUsings });

        Assert.Empty(run.CompileErrors);
        Assert.Contains("global using global::Demo;", run.Sources.Single(s => s.HintName == "SmartCityClient.GlobalUsings.g.cs").Text);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("disable", null)]
    [InlineData("enable", "false")]
    public void Without_implicit_usings_or_when_turned_off_there_is_none(string? implicitUsings, string? clientImplicitUsings)
    {
        var properties = new Dictionary<string, string>();
        if (implicitUsings is not null) properties["ImplicitUsings"] = implicitUsings;
        if (clientImplicitUsings is not null) properties["SmartCityClientImplicitUsings"] = clientImplicitUsings;

        var run = GeneratorRunner.Run(Files, userCode: GlobalNamespaceCode, buildProperties: properties);

        Assert.DoesNotContain(run.Sources, s => s.HintName.EndsWith(".GlobalUsings.g.cs", StringComparison.Ordinal));
        Assert.Contains(run.CompileErrors, e => e.Id == "CS0246" && e.GetMessage().Contains("ISmartCityClient"));
    }

    [Fact]
    public void A_project_whose_documents_fail_gets_no_using_of_a_namespace_that_does_not_exist()
    {
        var run = GeneratorRunner.Run(
            [("/demo/schema.graphql", TestDocuments.Schema), ("/demo/op.graphql", "query Broken { nothing }")],
            buildProperties: new Dictionary<string, string> { ["ImplicitUsings"] = "enable" });

        Assert.NotEmpty(run.Diagnostics);
        Assert.Empty(run.Sources);
    }
}
