using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Telemetry;

public static class GraphQLTelemetryExtensions
{
    /// <summary>
    /// Adds the span, metrics and request log line of <see cref="GraphQLTelemetryInterceptor"/>. Call it before registering
    /// other interceptors, so that their work falls inside the span.
    /// </summary>
    public static IServiceCollection AddGraphQLTelemetry(this IServiceCollection services) =>
        services.AddSingleton<IGraphQLRequestInterceptor, GraphQLTelemetryInterceptor>();
}
