using Microsoft.Extensions.DependencyInjection;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>Registers the cost limits in dependency injection.</summary>
public static class CostLimitServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="CostOptions"/> (configured by <paramref name="configure"/>) and a
    /// singleton <see cref="CostLimitRule"/>, for the host to pass to
    /// <see cref="CostLimitExecutionOptionsExtensions.AddCostLimits"/> on every request.
    /// </summary>
    public static IServiceCollection AddCostLimits(this IServiceCollection services, Action<CostOptions>? configure = null)
    {
        var options = new CostOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(new CostLimitRule(options));
        return services;
    }
}
