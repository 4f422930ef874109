using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SmartCityGraph.GraphQL.Http;

public static class GraphQLHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GraphQL-over-HTTP transport and our error shaping. The host registers the GraphQL.NET
    /// services itself, e.g. <c>services.AddGraphQL(b =&gt; b.AddSchema&lt;AppSchema&gt;().AddSystemTextJson())</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<GraphQLHttpOptions>();
        if (configure is not null)
            optionsBuilder.Configure(configure);

        services.AddHttpContextAccessor();
        services.TryAddSingleton<GraphQLHttpHandler>();
        services.TryAddSingleton<GraphQLWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<GraphQLWarmUp>());

        // Replace whatever provider is registered (GraphQL.NET only try-adds its own), in either call order.
        services.RemoveAll<IErrorInfoProvider>();
        services.AddSingleton<IErrorInfoProvider, GraphQLErrorInfoProvider>();
        return services;
    }
}
