using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQLParser.AST;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Documents;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Tests.Cost;

namespace SmartCityGraph.GraphQL.Tests.Documents;

/// <summary>
/// <see cref="OperationRulesValidator"/> gives what <see cref="DocumentValidator"/> gives for a cached document's
/// per-request rules (variables, arguments, the cost and its errors), and leaves any other set of rules to it.
/// </summary>
public sealed class OperationRulesValidatorTests
{
    private const string Query = "query($n: Int, $id: ID!) { items(first: $n) { nodes { id name } } item(id: $id) { id } }";

    /// <summary>
    /// Arguments and directives under fragments (one spread twice), inline fragments on an interface, a list variable, a
    /// nullable variable with a default where a non-null value is required, and a directive on a variable definition.
    /// </summary>
    private const string FragmentQuery = """
        query Fragments($n: Int, $show: Boolean!, $ids: [ID!]!, $id: ID = "2", $limit: Int @deprecated) {
          ...top
          items(first: $n) @include(if: $show) { nodes { ...itemFields } }
          again: items(first: 1) { nodes { ...itemFields } }
          nodes(ids: $ids) { id ... on Item @skip(if: $show) { parent { id } children(first: $n) { totalCount } } }
          cluster(limit: $limit) { members { id } }
        }
        fragment top on Query { item(id: $id) { id name } }
        fragment itemFields on Item { id tags { id label @include(if: $show) } parent { ...on Item { children(first: 2) { totalCount } } } }
        """;

    private static async Task<(IValidationResult Result, CostReport? Cost)> ValidateAsync(
        IDocumentValidator validator, IEnumerable<IValidationRule> rules, string variables, GraphQLDocument? document = null)
    {
        document ??= new GraphQLDocumentBuilder().Build(Query);
        var userContext = new Dictionary<string, object?>();
        var result = await validator.ValidateAsync(new ValidationOptions
        {
            Schema = ToySchema.Instance,
            Document = document,
            Operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single(),
            Rules = rules,
            UserContext = userContext,
            Variables = new GraphQLSerializer().Deserialize<Inputs>(variables) ?? Inputs.Empty,
            Extensions = Inputs.Empty,
            Metrics = Metrics.None,
        });
        return (result, CostReport.From(userContext));
    }

    private static IValidationRule[] CachedDocumentRules() => [new CostLimitRule(new CostOptions())];

    [Theory]
    [InlineData("""{"n": 10, "id": "1"}""")]
    [InlineData("""{"n": 1000000, "id": "1"}""")] // over the cost limit
    [InlineData("""{"n": "many", "id": "1"}""")]  // a variable of the wrong type
    [InlineData("""{"n": 3}""")]                  // a required variable missing
    public Task It_gives_what_the_document_validator_gives(string variables) => AssertSameAsDocumentValidatorAsync(variables, Query);

    [Theory]
    [InlineData("""{"n": 3, "show": true, "ids": ["1", "2"]}""")]
    [InlineData("""{"n": 3, "show": false, "ids": ["1"], "id": "7", "limit": 4}""")]
    [InlineData("""{"show": true, "ids": ["1"], "id": null}""")]          // null for a variable with a default in a non-null position
    [InlineData("""{"n": 3, "show": "yes", "ids": ["1"]}""")]              // a Boolean of the wrong type
    [InlineData("""{"n": 3, "show": true, "ids": ["1", null]}""")]         // null in a list of non-null items
    [InlineData("""{"n": 3, "show": true, "ids": "1", "limit": 100000}""")] // a single value for a list, and over the cost limit
    public Task It_gives_what_the_document_validator_gives_under_fragments_and_directives(string variables) =>
        AssertSameAsDocumentValidatorAsync(variables, FragmentQuery);

    [Fact]
    public async Task An_operation_is_prepared_once_and_read_again_with_other_values()
    {
        var document = new GraphQLDocumentBuilder().Build(FragmentQuery);
        await AssertSameAsDocumentValidatorAsync("""{"n": 3, "show": true, "ids": ["1"]}""", FragmentQuery, document);
        await AssertSameAsDocumentValidatorAsync("""{"n": 5, "show": false, "ids": ["4", "5"], "id": "9"}""", FragmentQuery, document);
        await AssertSameAsDocumentValidatorAsync("""{"n": "five", "show": false, "ids": ["4"]}""", FragmentQuery, document);
    }

    private static async Task AssertSameAsDocumentValidatorAsync(string variables, string query, GraphQLDocument? document = null)
    {
        document ??= new GraphQLDocumentBuilder().Build(query);
        var (expected, expectedCost) = await ValidateAsync(new DocumentValidator(), CachedDocumentRules(), variables, document);
        var (actual, actualCost) = await ValidateAsync(new OperationRulesValidator(new DocumentValidator()), CachedDocumentRules(), variables, document);

        Assert.Equal(expected.IsValid, actual.IsValid);
        Assert.Equal(expected.Errors.Select(e => (e.Code, e.Message)), actual.Errors.Select(e => (e.Code, e.Message)));
        Assert.Equal(expectedCost, actualCost);
        Assert.Equal(Json(expected.Variables?.Select(v => (v.Name, v.Value, v.IsDefault))), Json(actual.Variables?.Select(v => (v.Name, v.Value, v.IsDefault))));
        Assert.Equal(Values(expected.ArgumentValues, a => a), Values(actual.ArgumentValues, a => a));
        Assert.Equal(
            Values(expected.DirectiveValues, d => d.ToDictionary(i => i.Key, i => i.Value.Arguments)),
            Values(actual.DirectiveValues, d => d.ToDictionary(i => i.Key, i => i.Value.Arguments)));
    }

    /// <summary>The values read per node, in document order, as JSON (the same document for both validators, so nodes compare by position).</summary>
    private static string Json(object? value) =>
        System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { IncludeFields = true });

    private static string Values<TNode, TValue>(IEnumerable<KeyValuePair<TNode, TValue>>? values, Func<TValue, object?> select) where TNode : ASTNode =>
        Json(values?.OrderBy(v => v.Key.Location.Start).ThenBy(v => v.Key.Kind)
            .Select(v => (v.Key.Kind.ToString(), v.Key.Location.Start, select(v.Value) is IDictionary<string, ArgumentValue> arguments
                ? (object?)arguments.ToDictionary(a => a.Key, a => (a.Value.Value, a.Value.Source.ToString()))
                : select(v.Value))));

    [Fact]
    public async Task The_cost_limit_is_still_enforced()
    {
        var (result, cost) = await ValidateAsync(new OperationRulesValidator(new DocumentValidator()), CachedDocumentRules(), """{"n": 1000000, "id": "1"}""");

        Assert.False(result.IsValid);
        Assert.Equal([ErrorCodes.CostLimitExceeded], result.Errors.Select(e => e.Code));
        Assert.True(cost!.Cost > cost.MaxCost);
    }

    [Fact]
    public async Task Other_rules_are_left_to_the_inner_validator()
    {
        var inner = new RecordingValidator();
        var rules = CachedDocumentRules().Append(new NodeVisitingRule()).ToList();

        await ValidateAsync(new OperationRulesValidator(inner), rules, """{"n": 1, "id": "1"}""");

        Assert.Same(rules, Assert.Single(inner.Rules));
    }

    [Fact]
    public async Task An_operation_rule_that_returns_a_node_visitor_is_a_programming_error()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ValidateAsync(new OperationRulesValidator(new DocumentValidator()), [new MislabelledRule()], """{"n": 1, "id": "1"}"""));
    }

    private sealed class RecordingValidator : IDocumentValidator
    {
        private readonly DocumentValidator _inner = new();
        public List<IEnumerable<IValidationRule>?> Rules { get; } = [];

        public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
        {
            Rules.Add(options.Rules);
            return _inner.ValidateAsync(options);
        }
    }

    private sealed class NodeVisitingRule : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((_, _) => { }));
    }

    private sealed class MislabelledRule : ValidationRuleBase, IOperationRule
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
            new(new MatchingNodeVisitor<GraphQLField>((_, _) => { }));
    }
}
