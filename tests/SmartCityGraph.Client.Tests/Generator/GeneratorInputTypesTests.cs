using System.Text.Json;

namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>
/// Input objects and enums reachable from an operation's variables: generated from the schema, written
/// with the GraphQL names, and unset fields never sent. The generated code is compiled and run here.
/// </summary>
public sealed class GeneratorInputTypesTests
{
    /// <summary>Captures the request body instead of sending it; the tests read its variables.</summary>
    private const string CapturingExecutor = """
        namespace Demo;
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using SmartCityGraph.Client;
        public sealed class CapturingExecutor : IGraphQLExecutor
        {
            public string? Body { get; private set; }
            public Task<IOperationResult<TResult>> ExecuteAsync<TResult>(GraphQLOperationRequest request, Func<JsonElement, TResult> readData, CancellationToken cancellationToken)
                where TResult : class
            {
                Body = System.Text.Encoding.UTF8.GetString(request.ToJsonBody());
                return Task.FromResult<IOperationResult<TResult>>(new OperationResult<TResult>(null, [], new Dictionary<string, JsonElement>()));
            }
        }
        """;

    [Fact]
    public void Every_input_object_and_enum_reachable_from_the_variables_is_generated()
    {
        var run = Generate(userCode: "namespace Demo; public static class Anchor { }");

        var types = run.Sources.Single(s => s.HintName == "SmartCityClient.SchemaTypes.g.cs").Text;
        foreach (var expected in new[]
        {
            "public sealed partial record FruitFilterInput", "public IReadOnlyList<FruitFilterInput>? And { get; init; }",
            "public sealed partial record ColourOperationInput", "public IReadOnlyList<Colour?>? In { get; init; }",
            "public sealed partial record DateOperationInput", "public sealed partial record ShopListFilterInput",
            "public sealed partial record ShopFilterInput", "public sealed partial record FruitSortInput",
            "public enum SortDirection", "public enum Colour",
        })
        {
            Assert.Contains(expected, types);
        }

        // Only what the operation reaches: FilterInput and RangeInput belong to another field.
        Assert.DoesNotContain("record FilterInput", types);
        Assert.DoesNotContain("record RangeInput", types);
    }

    [Fact]
    public async Task A_filter_is_sent_with_the_GraphQL_names_and_values_and_without_its_unset_fields()
    {
        var variables = await RunAsync("""
            await new GetFruitsQuery(executor).ExecuteAsync(
                where: new FruitFilterInput
                {
                    Colour = new ColourOperationInput { Eq = Colour.DarkBlue },
                    Or = [new FruitFilterInput { Picked = new DateOperationInput { Gte = new DateOnly(2021, 3, 1), Lt = new DateOnly(2021, 6, 1) } },
                          new FruitFilterInput { Shops = new ShopListFilterInput { Some = new ShopFilterInput { Name = "Kiez" } } }],
                },
                order: [new FruitSortInput { Picked = SortDirection.Desc }, new FruitSortInput { Name = SortDirection.Asc }]);
            """);

        Assert.Equal(
            """{"where":{"or":[{"picked":{"gte":"2021-03-01","lt":"2021-06-01"}},{"shops":{"some":{"name":"Kiez"}}}],"colour":{"eq":"DARK_BLUE"}},"order":[{"picked":"DESC"},{"name":"ASC"}]}""",
            variables);
    }

    [Fact]
    public async Task An_empty_filter_sends_an_empty_object_not_a_field_set_to_null()
    {
        var variables = await RunAsync("await new GetFruitsQuery(executor).ExecuteAsync(where: new FruitFilterInput());");

        // ripe is Boolean! = true: left out, so the server's default applies (a C# bool would send false).
        Assert.Equal("""{"where":{}}""", variables);
    }

    [Fact]
    public async Task A_null_inside_a_list_is_sent_as_null()
    {
        // The one way to send a null operand on purpose: a list item (in: [null] matches "no value").
        var variables = await RunAsync("""
            await new GetFruitsQuery(executor).ExecuteAsync(where: new() { Colour = new() { In = [Colour.Red, null] }, Ripe = false });
            """);

        Assert.Equal("""{"where":{"colour":{"in":["RED",null]},"ripe":false}}""", variables);
    }

    [Fact]
    public void A_field_named_like_its_record_or_a_record_member_gets_a_suffix()
    {
        var run = Generate(userCode: """
            namespace Demo;
            public static class Names
            {
                public static ShopFilterInput Make() => new() { Name = "a", ShopFilterInputValue = "b", WriteToValue = "c" };
            }
            """);

        Assert.Empty(run.CompileErrors);
    }

    private static GeneratorRun Generate(string userCode)
    {
        var run = GeneratorRunner.Run([("/demo/schema.graphql", TestDocuments.Schema), ("/demo/GetFruits.graphql", TestDocuments.FilterAndSort)], userCode: userCode);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        return run;
    }

    /// <summary>Compiles <paramref name="call"/> (using "executor") against the generated client, runs it, and returns the variables it sent.</summary>
    private static async Task<string> RunAsync(string call)
    {
        var userCode = CapturingExecutor + "\npublic static class Probe\n{\n    public static async Task<string?> SendAsync()\n    {\n        var executor = new CapturingExecutor();\n"
            + call + "\n        return executor.Body;\n    }\n}\n";
        var run = Generate(userCode);

        var probe = run.Load().GetType("Demo.Probe", throwOnError: true)!;
        var body = await (Task<string?>)probe.GetMethod("SendAsync")!.Invoke(null, null)!;

        using var json = JsonDocument.Parse(body!);
        return json.RootElement.GetProperty("variables").GetRawText();
    }
}
