using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartCityGraph.GraphQL.Subscriptions;

namespace SmartCityGraph.GraphQL.Http;

public static class GraphQLHttpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the GraphQL endpoint (all methods: the handler answers non-GET/POST with 405 itself) at
    /// <paramref name="pattern"/>, or at <see cref="GraphQLHttpOptions.Path"/> when null. With
    /// <see cref="GraphQLSubscriptionsServiceCollectionExtensions.AddGraphQLSubscriptions"/> registered, the same
    /// path also takes WebSocket upgrades and requests that accept <c>text/event-stream</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string? pattern = null)
    {
        var services = endpoints.ServiceProvider;
        var handler = services.GetRequiredService<GraphQLHttpHandler>();
        pattern ??= services.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.Path;

        var webSockets = services.GetService<GraphQLWebSocketHandler>();
        var eventStreams = services.GetService<GraphQLServerSentEventsHandler>();
        if (webSockets is null || eventStreams is null)
            return endpoints.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL over HTTP");

        RequestDelegate dispatch = context =>
            context.WebSockets.IsWebSocketRequest ? webSockets.HandleAsync(context)
            : GraphQLServerSentEventsHandler.IsEventStreamRequest(context.Request) ? eventStreams.HandleAsync(context)
            : handler.HandleAsync(context);
        // The WebSocket middleware in this endpoint's own pipeline, so the host need not add it globally.
        var pipeline = endpoints.CreateApplicationBuilder().UseWebSockets();
        pipeline.Run(dispatch);
        return endpoints.Map(pattern, pipeline.Build())
            .WithDisplayName("GraphQL over HTTP, WebSocket and Server-Sent Events");
    }
}
