using GraphQL;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Tests.Cost;

public sealed class CostLimitRuleTests
{
    private static string NestedParents(int depth) =>
        // item (1) + parent × (depth - 2) + id (1)
        "{ item(id: \"1\") { " + string.Concat(Enumerable.Repeat("parent { ", depth - 2)) + "id" + new string('}', depth - 2) + " } }";

    [Fact]
    public async Task Depth_40_is_refused_before_any_resolver_runs()
    {
        var outcome = await CostTestHost.ExecuteAsync(NestedParents(40));

        Assert.Equal([ErrorCodes.DepthLimitExceeded], outcome.ErrorCodes);
        Assert.Equal("The operation's depth 40 exceeds the limit of 15.", outcome.Result.Errors![0].Message);
        Assert.Null(outcome.Result.Data);
        Assert.Equal(0, outcome.ResolverCalls);
        Assert.Contains("\"code\":\"DEPTH_LIMIT_EXCEEDED\"", outcome.Json);
    }

    [Fact]
    public async Task Depth_at_the_limit_passes()
    {
        var outcome = await CostTestHost.ExecuteAsync(NestedParents(15));

        Assert.Empty(outcome.ErrorCodes);
        Assert.Equal(15, outcome.Report!.Depth);
        Assert.True(outcome.ResolverCalls > 0);
    }

    [Fact]
    public async Task A_page_of_a_million_is_refused_on_cost_before_any_resolver_runs()
    {
        var outcome = await CostTestHost.ExecuteAsync("{ items(first: 1000000) { nodes { id } } }");

        Assert.Equal([ErrorCodes.CostLimitExceeded], outcome.ErrorCodes);
        Assert.Equal("The operation's cost 1000001 exceeds the limit of 50000.", outcome.Result.Errors![0].Message);
        Assert.Equal(0, outcome.ResolverCalls);
        Assert.Contains("\"code\":\"COST_LIMIT_EXCEEDED\"", outcome.Json);
    }

    [Fact]
    public async Task A_page_of_a_million_in_a_variable_is_refused_too()
    {
        var outcome = await CostTestHost.ExecuteAsync("query($n: Int) { items(first: $n) { nodes { id } } }", new { n = 1_000_000 });

        Assert.Equal([ErrorCodes.CostLimitExceeded], outcome.ErrorCodes);
        Assert.Equal(0, outcome.ResolverCalls);
    }

    [Fact]
    public async Task Three_nested_pages_of_100_are_refused_two_pass()
    {
        const string twoLevels = "{ items(first: 100) { nodes { children(first: 100) { nodes { id } } } } }";
        const string threeLevels = "{ items(first: 100) { nodes { children(first: 100) { nodes { children(first: 100) { nodes { id } } } } } } }";

        var passing = await CostTestHost.ExecuteAsync(twoLevels);
        var refused = await CostTestHost.ExecuteAsync(threeLevels);

        Assert.Empty(passing.ErrorCodes);
        Assert.Equal([ErrorCodes.CostLimitExceeded], refused.ErrorCodes);
        Assert.Equal("The operation's cost 1020201 exceeds the limit of 50000.", refused.Result.Errors![0].Message);
    }

    [Fact]
    public async Task Hostile_sizes_saturate_instead_of_overflowing()
    {
        const string query = "{ items(first: 2147483647) { nodes { children(first: 2147483647) { nodes { children(first: 2147483647) { nodes { id } } } } } } }";

        var outcome = await CostTestHost.ExecuteAsync(query);

        Assert.Equal([ErrorCodes.CostLimitExceeded], outcome.ErrorCodes);
        Assert.Equal(int.MaxValue, outcome.Report!.Cost);
    }

    [Fact]
    public async Task A_fragment_bomb_is_costed_quickly_and_refused()
    {
        // F0 spreads F1 twice, F1 spreads F2 twice, …: 2^30 fields once expanded. Each fragment is costed once.
        const int levels = 30;
        var fragments = Enumerable.Range(0, levels).Select(i =>
            $"fragment F{i} on Item {{ a: parent {{ ...F{i + 1} }} b: parent {{ ...F{i + 1} }} }}");
        var query = "{ item(id: \"1\") { ...F0 } }\n" + string.Join("\n", fragments) + $"\nfragment F{levels} on Item {{ id }}";

        var started = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await CostTestHost.ExecuteAsync(query);

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.Equal([ErrorCodes.DepthLimitExceeded, ErrorCodes.CostLimitExceeded], outcome.ErrorCodes);
        Assert.Equal((2L << levels) - 1, outcome.Report!.Cost); // 1 + 2 + 4 + … + 2^30
        Assert.Equal(0, outcome.ResolverCalls);
    }

    [Theory]
    [InlineData(7, 13)]
    [InlineData(9, 15)]
    public async Task GraphiQL_introspection_query_passes(int typeDepth, int depth)
    {
        var query = typeDepth == 7 ? IntrospectionQueries.GraphQLJs16 : IntrospectionQueries.GraphQLJs17;

        var outcome = await CostTestHost.ExecuteAsync(query);

        Assert.True(outcome.ErrorCodes.Count == 0, outcome.Json);
        Assert.Equal((0, depth), (outcome.Report!.Cost, outcome.Report.Depth));
        Assert.Contains("\"ItemConnection\"", outcome.Json);
    }

    [Fact]
    public async Task The_report_lands_in_the_user_context()
    {
        var outcome = await CostTestHost.ExecuteAsync("{ items(first: 3) { nodes { id } } }");

        Assert.Equal(new CostReport(Cost: 4, Depth: 3, MaxCost: 50_000, MaxDepth: 15), outcome.Report);
        Assert.Equal(
            new Dictionary<string, object> { ["cost"] = 4, ["maxCost"] = 50_000, ["depth"] = 3, ["maxDepth"] = 15 },
            outcome.Report!.ToExtension());
    }

    [Fact]
    public async Task The_report_is_there_when_a_limit_is_exceeded()
    {
        var outcome = await CostTestHost.ExecuteAsync("{ items(first: 10) { nodes { id } } }", options: new CostOptions { MaxCost = 5 });

        Assert.Equal(new CostReport(11, 3, 5, 15), outcome.Report);
        Assert.Equal("The operation's cost 11 exceeds the limit of 5.", outcome.Result.Errors![0].Message);
    }

    [Fact]
    public async Task Both_limits_are_reported_when_both_are_exceeded()
    {
        var outcome = await CostTestHost.ExecuteAsync(NestedParents(20), options: new CostOptions { MaxCost = 5 });

        Assert.Equal([ErrorCodes.DepthLimitExceeded, ErrorCodes.CostLimitExceeded], outcome.ErrorCodes);
    }

    [Fact]
    public async Task An_otherwise_invalid_document_is_left_to_the_core_rules()
    {
        var outcome = await CostTestHost.ExecuteAsync("{ items(first: 1000000) { nodes { nope } } }");

        Assert.DoesNotContain(ErrorCodes.CostLimitExceeded, outcome.ErrorCodes);
        Assert.NotEmpty(outcome.ErrorCodes);
        Assert.Null(outcome.Report);
    }

    [Fact]
    public void AddCostLimits_registers_configured_options_and_one_rule()
    {
        using var provider = new ServiceCollection()
            .AddCostLimits(o => { o.MaxCost = 1234; o.MaxDepth = 7; })
            .BuildServiceProvider();

        var rule = provider.GetRequiredService<CostLimitRule>();

        Assert.Same(provider.GetRequiredService<CostOptions>(), rule.Options);
        Assert.Equal((1234, 7), (rule.Options.MaxCost, rule.Options.MaxDepth));
    }

    [Fact]
    public void AddCostLimits_appends_to_the_core_rules_and_to_the_cached_document_rules()
    {
        var rule = new CostLimitRule(new CostOptions());
        var options = new ExecutionOptions().AddCostLimits(rule);

        Assert.Equal(DocumentValidator.CoreRules.Append(rule), options.ValidationRules);
        Assert.Equal([rule], options.CachedDocumentValidationRules!);
    }
}
