using GraphQL;
using Microsoft.AspNetCore.Http;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

/// <summary>Applies the cost limits to every request, as the host's interceptor does.</summary>
public sealed class CostLimitsInterceptor(CostOptions options) : IGraphQLRequestInterceptor
{
    private readonly CostLimitRule _rule = new(options);

    public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
    {
        options.AddCostLimits(_rule);
        return ValueTask.CompletedTask;
    }
}
