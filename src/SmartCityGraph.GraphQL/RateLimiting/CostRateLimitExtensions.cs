using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.RateLimiting;

public static class CostRateLimitExtensions
{
    /// <summary>
    /// Registers the per-client budget of cost points. Register it after the interceptor that adds the cost rule
    /// (<c>AddCostLimits</c>): its own rule must run after that one, which computes the cost it spends.
    /// </summary>
    public static IServiceCollection AddCostRateLimiting(this IServiceCollection services, Action<CostRateLimitOptions>? configure = null)
    {
        var options = new CostRateLimitOptions();
        configure?.Invoke(options);
        services.AddHttpContextAccessor();
        services.AddSingleton(options);
        services.AddSingleton<CostRateLimiter>();
        services.AddSingleton<CostRateLimitRule>();
        services.AddSingleton<IGraphQLRequestInterceptor, CostRateLimitInterceptor>();
        return services;
    }

    /// <summary>Limits the GraphQL endpoint's requests by cost; call it after authentication and before the endpoints.</summary>
    public static IApplicationBuilder UseCostRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<CostRateLimitMiddleware>();

    /// <summary>Adds <see cref="CostRateLimitRule"/> to the requests that spend from a budget.</summary>
    private sealed class CostRateLimitInterceptor(CostRateLimitRule rule) : IGraphQLRequestInterceptor
    {
        public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
        {
            if (context.Features.Get<RateLimitCharge>() is not null)
            {
                options.ValidationRules = (options.ValidationRules ?? global::GraphQL.Validation.DocumentValidator.CoreRules).Append(rule);
                options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(rule);
            }
            return ValueTask.CompletedTask;
        }
    }
}
