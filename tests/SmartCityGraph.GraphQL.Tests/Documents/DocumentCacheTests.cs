using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Documents;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.PersistedDocuments;
using SmartCityGraph.GraphQL.Tests.Cost;

namespace SmartCityGraph.GraphQL.Tests.Documents;

public sealed class DocumentCacheTests
{
    private readonly ValidatedDocumentCache _cache = new(new DocumentCacheOptions());
    private readonly CountingRule _coreRuleRuns = new();

    /// <summary>Executes as the host does (core rules and the cost limit), through the cache, counting the runs of a core-like rule.</summary>
    private async Task<ExecutionResult> ExecuteAsync(string query, object? variables = null)
    {
        // The validator the host registers with the cache: it validates a cached document's per-request rules without a walk.
        var executer = new DocumentExecuter(new GraphQLDocumentBuilder(), new OperationRulesValidator(new DocumentValidator()), new DefaultExecutionStrategySelector(),
            [new DocumentCacheExecution(_cache)]);
        return await executer.ExecuteAsync(options =>
        {
            options.Schema = ToySchema.Instance;
            options.Query = query;
            options.Variables = variables is null ? null : new GraphQLSerializer().Deserialize<Inputs>(System.Text.Json.JsonSerializer.Serialize(variables));
            options.UserContext = new Dictionary<string, object?> { [ResolverCalls.UserContextKey] = new ResolverCalls() };
            options.ValidationRules = DocumentValidator.CoreRules.Append(_coreRuleRuns);
            options.AddCostLimits(new CostLimitRule(new CostOptions()));
        });
    }

    [Fact]
    public async Task A_persisted_document_requested_by_id_is_kept_and_not_validated_again()
    {
        // Regression: the cache ran before the persisted-document handler had looked up the text, so every request
        // by documentId (what both typed clients send by default) was parsed and validated again.
        const string query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";
        var id = PersistedDocumentStore.IdOf(query);
        var handler = new TrustedDocumentHandler(new PersistedDocumentStore(new Dictionary<string, string> { [id] = query }), new TrustedDocumentOptions());
        var executer = new DocumentExecuter(new GraphQLDocumentBuilder(), new DocumentValidator(), new DefaultExecutionStrategySelector(),
            [new DocumentCacheExecution(_cache), handler]);
        Task<ExecutionResult> ByIdAsync(string nodeId) => executer.ExecuteAsync(options =>
        {
            options.Schema = ToySchema.Instance;
            options.DocumentId = id;
            options.Variables = new GraphQLSerializer().Deserialize<Inputs>($"{{\"ids\":[\"{nodeId}\"]}}");
            options.UserContext = new Dictionary<string, object?> { [ResolverCalls.UserContextKey] = new ResolverCalls() };
            options.ValidationRules = DocumentValidator.CoreRules.Append(_coreRuleRuns);
        });

        var first = await ByIdAsync("a");
        var second = await ByIdAsync("b");

        Assert.Empty(Codes(first));
        Assert.Equal("{\"data\":{\"nodes\":[{\"id\":\"b\"}]}}", new GraphQLSerializer().Serialize(second));
        Assert.Equal(1, _cache.Count);
        Assert.Equal(1, _coreRuleRuns.Runs);
    }

    private static IReadOnlyList<string?> Codes(ExecutionResult result) => result.Errors?.Select(e => e.Code).ToList() ?? [];

    [Fact]
    public async Task A_document_that_validated_is_kept_and_not_validated_again()
    {
        const string query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }";

        var first = await ExecuteAsync(query, new { ids = new[] { "a" } });
        var second = await ExecuteAsync(query, new { ids = new[] { "b", "c" } });

        Assert.Empty(Codes(first));
        Assert.Empty(Codes(second));
        Assert.Equal(1, _cache.Count);
        Assert.Equal(1, _coreRuleRuns.Runs); // the second request skipped the document-only rules
        Assert.Equal("{\"data\":{\"nodes\":[{\"id\":\"b\"},{\"id\":\"c\"}]}}", new GraphQLSerializer().Serialize(second)); // its own variables
    }

    [Fact]
    public async Task A_cached_document_is_still_costed_with_each_requests_variables()
    {
        const string query = "query($n: Int) { items(first: $n) { nodes { id } } }";
        Assert.Empty(Codes(await ExecuteAsync(query, new { n = 10 })));

        var expensive = await ExecuteAsync(query, new { n = 1_000_000 });

        Assert.Equal([ErrorCodes.CostLimitExceeded], Codes(expensive));
        Assert.Null(expensive.Data);
    }

    [Fact]
    public async Task Variables_are_still_checked_against_a_cached_document()
    {
        const string query = "query($n: Int) { items(first: $n) { nodes { id } } }";
        Assert.Empty(Codes(await ExecuteAsync(query, new { n = 1 })));

        var wrong = await ExecuteAsync(query, new { n = "many" });

        Assert.NotEmpty(Codes(wrong));
        Assert.Null(wrong.Data);
    }

    [Fact]
    public async Task A_document_that_fails_validation_is_not_kept()
    {
        const string query = "{ items { nodes { colour } } }";

        var first = await ExecuteAsync(query);
        var second = await ExecuteAsync(query);

        Assert.Equal(0, _cache.Count);
        Assert.Equal(Codes(first), Codes(second));
        Assert.NotEmpty(Codes(second));
        Assert.Equal(2, _coreRuleRuns.Runs);
    }

    [Fact]
    public async Task A_document_that_does_not_parse_is_not_kept()
    {
        var result = await ExecuteAsync("{ items { ");

        Assert.NotEmpty(Codes(result));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void The_least_recently_used_documents_go_when_there_are_too_many()
    {
        var cache = new ValidatedDocumentCache(new DocumentCacheOptions { MaxDocuments = 10 });
        var parser = new GraphQLDocumentBuilder();
        string Text(int i) => $"{{ item(id: \"{i}\") {{ id }} }}";
        for (var i = 0; i < 10; i++) cache.Add(Text(i), parser.Build(Text(i)));
        Assert.True(cache.TryGet(Text(0), out _)); // 0 is now the most recently used

        cache.Add(Text(10), parser.Build(Text(10)));

        Assert.True(cache.Count <= 10);
        Assert.True(cache.TryGet(Text(0), out _));
        Assert.True(cache.TryGet(Text(10), out _));
        Assert.False(cache.TryGet(Text(1), out _)); // the least recently used went first
    }

    [Fact]
    public void The_total_text_is_bounded_and_a_long_document_is_never_kept()
    {
        var cache = new ValidatedDocumentCache(new DocumentCacheOptions { MaxTotalCharacters = 1_000, MaxDocumentCharacters = 400 });
        var parser = new GraphQLDocumentBuilder();
        string Text(int i, int padding) => $"{{ item(id: \"{i}{new string('x', padding)}\") {{ id }} }}";

        cache.Add(Text(0, 500), parser.Build(Text(0, 500)));
        Assert.Equal(0, cache.Count);

        for (var i = 1; i <= 20; i++) cache.Add(Text(i, 200), parser.Build(Text(i, 200)));
        Assert.InRange(cache.Characters, 1, 1_000);
        Assert.True(cache.TryGet(Text(20, 200), out _));
    }

    [Fact]
    public void A_cache_of_size_zero_keeps_nothing()
    {
        var cache = new ValidatedDocumentCache(new DocumentCacheOptions { MaxDocuments = 0 });
        cache.Add("{ items { totalCount } }", new GraphQLDocumentBuilder().Build("{ items { totalCount } }"));
        Assert.Equal(0, cache.Count);
    }

    /// <summary>A validation rule that only counts how often validation ran it.</summary>
    private sealed class CountingRule : ValidationRuleBase
    {
        public int Runs;

        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            Interlocked.Increment(ref Runs);
            return default;
        }
    }
}
