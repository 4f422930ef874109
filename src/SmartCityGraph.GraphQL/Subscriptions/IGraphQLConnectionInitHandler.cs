using Microsoft.AspNetCore.Http;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// The host's say on a WebSocket's <c>connection_init</c> (register zero or more): e.g. read a token from its
/// payload — browsers cannot set headers on a WebSocket — and set <see cref="HttpContext.User"/>, which every
/// operation of the connection then runs as. Returning false closes the socket with 4403 Forbidden.
/// </summary>
public interface IGraphQLConnectionInitHandler
{
    ValueTask<bool> OnConnectionInitAsync(HttpContext context, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken);
}
