using System.Net.Http.Headers;

namespace SmartCityGraph.Client.Http;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;token&gt;</c> to every request, asking for the token each time (so a renewed one is
/// used at once); no header when the provider returns none (reading needs no sign-in).
/// </summary>
public sealed class BearerTokenHandler(Func<CancellationToken, ValueTask<string?>> token) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await token(cancellationToken).ConfigureAwait(false) is { Length: > 0 } value)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
