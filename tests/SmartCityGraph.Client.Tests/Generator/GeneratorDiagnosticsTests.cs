using Microsoft.CodeAnalysis;

namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>Documents that do not fit the schema fail the build: an error with id, file and line, and no client.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string SchemaPath = "/demo/schema.graphql";

    [Theory]
    [InlineData("SCG011", 3, "query A {\n  shops {\n    nope\n  }\n}", "The type 'ShopConnection' has no field 'nope'")]
    [InlineData("SCG011", 2, "query A {\n  node(id: \"x\") { id ... on Fruit { sweetness } }\n}", "The type 'Fruit' has no field 'sweetness'")]
    [InlineData("SCG012", 2, "query A {\n  shops(last: 3) { totalCount }\n}", "The field 'Query.shops' has no argument 'last'")]
    [InlineData("SCG013", 2, "query A {\n  shops(first: \"ten\") { totalCount }\n}", "The argument 'first' of 'Query.shops' expects a value of type 'Int', but gets the value \"ten\"")]
    [InlineData("SCG013", 1, "query A($id: String!) { node(id: $id) { id } }", "expects a value of type 'ID!', but gets the variable $id of type 'String!'")]
    [InlineData("SCG013", 2, "query A($id: ID) {\n  node(id: $id) { id }\n}", "expects a value of type 'ID!', but gets the variable $id of type 'ID'")]
    [InlineData("SCG013", 1, "query A { search(text: \"x\", colour: PURPLE) { ... on Shop { id } } }", "expects a value of type 'Colour', but gets the value PURPLE")]
    [InlineData("SCG014", 2, "query A {\n  node { id }\n}", "The field 'Query.node' requires the argument 'id: ID!'")]
    [InlineData("SCG015", 3, "query A {\n  node(\n    id: $id) { id }\n}", "The variable '$id' is used but the operation 'A' does not declare it")]
    [InlineData("SCG017", 1, "{ shops { totalCount } }", "Give the operation a name")]
    [InlineData("SCG018", 1, "query A($c: Color) { shops { totalCount } }", "The schema has no type 'Color'")]
    [InlineData("SCG019", 2, "query A {\n  shops\n}", "needs a selection set")]
    [InlineData("SCG020", 1, "query A { shops { nodes { ...Missing } } }", "There is no fragment named 'Missing'")]
    [InlineData("SCG022", 1, "query A { shops { nodes { ... on Fruit { ripe } } } }", "A fragment on 'Fruit' can never apply to a value of type 'Shop'")]
    [InlineData("SCG027", 2, "query A(\n  $unused: Int) { shops { totalCount } }", "The variable '$unused' is declared but the operation 'A' never uses it")]
    [InlineData("SCG013", 1, "query A($flag: Boolean) { shops { totalCount @include(if: $flag) } }", "The argument 'if' of @include expects a value of type 'Boolean!', but gets the variable $flag of type 'Boolean'")]
    [InlineData("SCG010", 2, "query A {\n  shops(first: ) { totalCount }\n}", "The GraphQL document does not parse")]
    [InlineData("SCG026", 3, "query A {\n  node(id: \"x\") { ... on Fruit { when: picked }\n    ... on Shop { when: opened } }\n}", "'when' is 'Date!' in one place and 'Date' in another")]
    public void An_invalid_operation_is_a_build_error_with_file_and_line(string id, int line, string operation, string message)
    {
        var run = GeneratorRunner.Run([(SchemaPath, TestDocuments.Schema), ("/demo/Broken.graphql", operation)]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal(id, error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains(message, error.GetMessage());
        var span = error.Location.GetLineSpan();
        Assert.Equal("/demo/Broken.graphql", span.Path);
        Assert.Equal(line, span.StartLinePosition.Line + 1);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Two_operations_with_one_name_are_an_error_at_the_second()
    {
        var run = GeneratorRunner.Run(
        [
            (SchemaPath, TestDocuments.Schema),
            ("/demo/a/GetShops.graphql", "query GetShops { shops { totalCount } }"),
            ("/demo/b/Other.graphql", "# the same name again\nquery GetShops { shops { totalCount } }"),
        ]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("SCG016", error.Id);
        Assert.Contains("more than one operation named 'GetShops' (the other one is in GetShops.graphql line 1)", error.GetMessage());
        Assert.Equal("/demo/b/Other.graphql", error.Location.GetLineSpan().Path);
        Assert.Equal(2, error.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void A_schema_that_does_not_parse_is_an_error_in_the_schema_file()
    {
        var run = GeneratorRunner.Run([(SchemaPath, "type Query {\n  shops: [Shop!\n}"), ("/demo/Op.graphql", "query A { shops { id } }")]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("SCG002", error.Id);
        Assert.Equal(SchemaPath, error.Location.GetLineSpan().Path);
        Assert.Equal(3, error.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_schema_naming_an_undefined_type_is_an_error()
    {
        var run = GeneratorRunner.Run([(SchemaPath, "type Query { shop: Shop }"), ("/demo/Op.graphql", "query A { shop { id } }")]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("SCG003", error.Id);
        Assert.Contains("Query.shop names the undefined type 'Shop'", error.GetMessage());
    }

    [Fact]
    public void Operations_without_a_schema_are_an_error()
    {
        var run = GeneratorRunner.Run([("/demo/Op.graphql", "query A { shops { totalCount } }")]);

        Assert.Equal("SCG001", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var run = GeneratorRunner.Run([(SchemaPath, TestDocuments.Schema), ("/demo/Op.graphql", "query A { shops { nope } }\nquery B { node { id } }")]);

        Assert.Equal(["SCG011", "SCG014"], run.Diagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void A_project_without_graphql_files_gets_nothing_and_no_error()
    {
        var run = GeneratorRunner.Run([]);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Sources);
    }
}
