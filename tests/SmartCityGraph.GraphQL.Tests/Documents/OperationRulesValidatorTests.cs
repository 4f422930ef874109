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

    private static async Task<(IValidationResult Result, CostReport? Cost)> ValidateAsync(IDocumentValidator validator, IEnumerable<IValidationRule> rules, string variables)
    {
        var document = new GraphQLDocumentBuilder().Build(Query);
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
    public async Task It_gives_what_the_document_validator_gives(string variables)
    {
        var (expected, expectedCost) = await ValidateAsync(new DocumentValidator(), CachedDocumentRules(), variables);
        var (actual, actualCost) = await ValidateAsync(new OperationRulesValidator(new DocumentValidator()), CachedDocumentRules(), variables);

        Assert.Equal(expected.IsValid, actual.IsValid);
        Assert.Equal(expected.Errors.Select(e => (e.Code, e.Message)), actual.Errors.Select(e => (e.Code, e.Message)));
        Assert.Equal(expectedCost, actualCost);
        Assert.Equal(expected.Variables?.Select(v => (v.Name, v.Value)), actual.Variables?.Select(v => (v.Name, v.Value)));
        Assert.Equal(
            expected.ArgumentValues?.ToDictionary(a => a.Key.Name.StringValue, a => a.Value.ToDictionary(v => v.Key, v => v.Value.Value)),
            actual.ArgumentValues?.ToDictionary(a => a.Key.Name.StringValue, a => a.Value.ToDictionary(v => v.Key, v => v.Value.Value)));
    }

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
