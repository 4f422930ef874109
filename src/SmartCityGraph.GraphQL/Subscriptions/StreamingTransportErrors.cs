using Microsoft.AspNetCore.Http;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>Refusals of the streaming transports that happen before a connection is accepted.</summary>
internal static class StreamingTransportErrors
{
    public static GraphQLHttpError TooManyConnections(int maxConnections) =>
        new(StatusCodes.Status503ServiceUnavailable, ErrorCodes.TooManyConnections,
            $"The server already holds {maxConnections} WebSockets and event streams, the most it accepts; try again later.");

    /// <summary>Answers 503 with <c>Retry-After</c> and the error as JSON.</summary>
    public static Task WriteTooManyConnectionsAsync(HttpContext context, int maxConnections)
    {
        context.Response.Headers.RetryAfter = "5";
        return GraphQLHttpHandler.WriteErrorAsync(context, TooManyConnections(maxConnections), GraphQLMediaTypes.Json);
    }
}
