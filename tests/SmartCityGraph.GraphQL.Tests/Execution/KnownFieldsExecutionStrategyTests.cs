using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using SmartCityGraph.GraphQL.Execution;
using SmartCityGraph.GraphQL.Tests.Cost;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace SmartCityGraph.GraphQL.Tests.Execution;

/// <summary>
/// <see cref="KnownFieldsExecutionStrategy"/> answers as GraphQL.NET's serial strategy does, collecting a selection set's
/// fields once per object type unless directives or merged selections make them depend on the request.
/// </summary>
public sealed class KnownFieldsExecutionStrategyTests
{
    /// <summary>Counts how often fields are collected from a selection set.</summary>
    private sealed class CountingStrategy : KnownFieldsExecutionStrategy
    {
        public int Collections;

        protected override Dictionary<string, (GraphQLField field, FieldType fieldType)> CollectFieldsFrom(
            ExecutionContext context, IGraphType specificType, GraphQLSelectionSet selectionSet, Dictionary<string, (GraphQLField field, FieldType fieldType)>? fields)
        {
            Interlocked.Increment(ref Collections);
            return base.CollectFieldsFrom(context, specificType, selectionSet, fields);
        }
    }

    private static async Task<string> ExecuteAsync(ExecutionStrategy strategy, GraphQLDocument document, string query, string variables = "{}")
    {
        var executer = new DocumentExecuter(new GraphQLDocumentBuilder(), new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(strategy, OperationType.Query)]), []);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Schema = ToySchema.Instance;
            options.Query = query;
            options.Document = document;
            options.Variables = new GraphQLSerializer().Deserialize<Inputs>(variables);
            options.UserContext = new Dictionary<string, object?> { [ResolverCalls.UserContextKey] = new ResolverCalls() };
        });
        return new GraphQLSerializer().Serialize(result);
    }

    [Theory]
    [InlineData("{ items { nodes { id name parent { id } } totalCount } }", "{}")]
    [InlineData("{ things { id ... on Item { name } ...tag } } fragment tag on Tag { label owner { id } }", "{}")]
    [InlineData("query($show: Boolean!) { items { nodes { id name @include(if: $show) } } }", """{"show": true}""")]
    [InlineData("query($show: Boolean!) { items { nodes { id name @include(if: $show) } } }", """{"show": false}""")]
    [InlineData("query($skip: Boolean!) { things { id ...itemName @skip(if: $skip) } } fragment itemName on Item { name }", """{"skip": false}""")]
    [InlineData("{ items { nodes { id } } items { nodes { name } totalCount } }", "{}")] // one response key, merged per request
    public async Task It_answers_as_the_serial_strategy_does_every_time(string query, string variables)
    {
        var document = new GraphQLDocumentBuilder().Build(query);
        var expected = await ExecuteAsync(new SerialExecutionStrategy(), document, query, variables);
        var strategy = new KnownFieldsExecutionStrategy();

        Assert.Equal(expected, await ExecuteAsync(strategy, document, query, variables));
        Assert.Equal(expected, await ExecuteAsync(strategy, document, query, variables));
        Assert.DoesNotContain("\"errors\"", expected);
    }

    [Fact]
    public async Task A_selection_set_is_collected_once_per_object_type()
    {
        const string query = "{ items { nodes { id name parent { id } } } things { id ... on Item { name } ... on Tag { label } } }";
        var document = new GraphQLDocumentBuilder().Build(query);
        var strategy = new CountingStrategy();

        await ExecuteAsync(strategy, document, query);
        var first = strategy.Collections;
        await ExecuteAsync(strategy, document, query);

        // The root, items, nodes (Item), parent (Item), things as an Item and as a Tag: once each, whatever the list lengths.
        Assert.Equal(6, first);
        Assert.Equal(first, strategy.Collections);
    }

    [Fact]
    public async Task A_selection_set_with_directives_is_collected_for_each_object()
    {
        const string query = "query($show: Boolean!) { items { nodes { id name @include(if: $show) } } }";
        var document = new GraphQLDocumentBuilder().Build(query);
        var strategy = new CountingStrategy();

        await ExecuteAsync(strategy, document, query, """{"show": true}""");
        var first = strategy.Collections;
        var answer = await ExecuteAsync(strategy, document, query, """{"show": false}""");

        Assert.DoesNotContain("name", answer);
        Assert.True(strategy.Collections - first >= 2, $"the two items' selection set was collected {strategy.Collections - first} times on the second request");
    }
}
