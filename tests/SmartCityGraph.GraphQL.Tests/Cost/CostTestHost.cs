using GraphQL;
using GraphQL.SystemTextJson;
using SmartCityGraph.GraphQL.Cost;

namespace SmartCityGraph.GraphQL.Tests.Cost;

/// <summary>Executes a query against <see cref="ToySchema"/> the way the host does: core rules plus the cost rule.</summary>
internal static class CostTestHost
{
    public sealed record Outcome(ExecutionResult Result, CostReport? Report, int ResolverCalls)
    {
        public string Json => new GraphQLSerializer().Serialize(Result);

        public IReadOnlyList<string?> ErrorCodes => Result.Errors?.Select(e => e.Code).ToList() ?? [];
    }

    public static async Task<Outcome> ExecuteAsync(string query, object? variables = null, CostOptions? options = null)
    {
        var calls = new ResolverCalls();
        var userContext = new Dictionary<string, object?> { [ResolverCalls.UserContextKey] = calls };
        var result = await new DocumentExecuter().ExecuteAsync(o =>
        {
            o.Schema = ToySchema.Instance;
            o.Query = query;
            o.Variables = variables == null ? null : new GraphQLSerializer().Deserialize<Inputs>(
                System.Text.Json.JsonSerializer.Serialize(variables));
            o.UserContext = userContext;
            o.AddCostLimits(new CostLimitRule(options ?? new CostOptions()));
        });
        return new Outcome(result, CostReport.From(userContext), calls.Count);
    }

    /// <summary>The cost of a query that must pass validation.</summary>
    public static async Task<CostReport> ReportAsync(string query, object? variables = null, CostOptions? options = null)
    {
        var outcome = await ExecuteAsync(query, variables, options);
        Assert.True(outcome.Result.Errors == null || outcome.Result.Errors.Count == 0, outcome.Json);
        return outcome.Report ?? throw new Xunit.Sdk.XunitException("No CostReport in the user context.");
    }
}
