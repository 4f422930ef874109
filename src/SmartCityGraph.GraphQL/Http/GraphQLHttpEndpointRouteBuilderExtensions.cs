using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmartCityGraph.GraphQL.Http;

public static class GraphQLHttpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the GraphQL endpoint (all methods: the handler answers non-GET/POST with 405 itself) at
    /// <paramref name="pattern"/>, or at <see cref="GraphQLHttpOptions.Path"/> when null.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string? pattern = null)
    {
        var handler = endpoints.ServiceProvider.GetRequiredService<GraphQLHttpHandler>();
        pattern ??= endpoints.ServiceProvider.GetRequiredService<IOptions<GraphQLHttpOptions>>().Value.Path;
        return endpoints.Map(pattern, handler.HandleAsync).WithDisplayName("GraphQL over HTTP");
    }
}
