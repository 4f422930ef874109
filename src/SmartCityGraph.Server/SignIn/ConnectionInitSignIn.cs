using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using SmartCityGraph.GraphQL.Subscriptions;

namespace SmartCityGraph.Server.SignIn;

/// <summary>
/// A WebSocket's token, for browsers that cannot set headers on one: <c>connection_init</c> with the payload
/// <c>{ "Authorization": "Bearer &lt;token&gt;" }</c> signs the connection in exactly as the header signs in an HTTP
/// request — the same bearer scheme validates it, and a missing or bad token leaves the caller anonymous (reading
/// works; a mutation over the socket is UNAUTHENTICATED, as over HTTP). Without it, the upgrade request's own
/// Authorization header counts.
/// </summary>
internal sealed class ConnectionInitSignIn(IServiceScopeFactory scopes) : IGraphQLConnectionInitHandler
{
    public const string PayloadKey = "Authorization";

    public async ValueTask<bool> OnConnectionInitAsync(HttpContext context, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken)
    {
        var value = payload?.FirstOrDefault(p => string.Equals(p.Key, PayloadKey, StringComparison.OrdinalIgnoreCase)).Value;
        if (value is null)
            return true;

        // The bearer handler reads the header of the request it runs for and remembers its answer per request, so it
        // runs here for a stand-in request of its own carrying the token.
        await using var scope = scopes.CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers.Authorization = value as string ?? "";
        var result = await probe.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        context.User = result.Succeeded ? result.Principal : new ClaimsPrincipal(new ClaimsIdentity());
        return true;
    }
}
