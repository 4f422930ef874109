using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Subscriptions;

public static class GraphQLSubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the streaming transports — WebSocket (<c>graphql-transport-ws</c>) and Server-Sent Events —
    /// which <see cref="GraphQLHttpEndpointRouteBuilderExtensions.MapGraphQLHttp"/> then serves on the same
    /// path. The host also runs subscriptions with
    /// <see cref="ScopedSubscriptionGraphQLBuilderExtensions.AddScopedSubscriptionExecution"/>.
    /// </summary>
    public static IServiceCollection AddGraphQLSubscriptions(this IServiceCollection services, Action<GraphQLSubscriptionOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<GraphQLSubscriptionOptions>();
        if (configure is not null)
            optionsBuilder.Configure(configure);

        services.TryAddSingleton<SubscriptionConnectionLimiter>();
        services.TryAddSingleton<StreamingOperationExecutor>();
        services.TryAddSingleton<GraphQLWebSocketHandler>();
        services.TryAddSingleton<GraphQLServerSentEventsHandler>();
        services.AddSingleton<IGraphQLRequestInterceptor, SubscriptionsNeedStreamingTransport>();
        return services;
    }
}
