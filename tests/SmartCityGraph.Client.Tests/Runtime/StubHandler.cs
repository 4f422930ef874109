using System.Net;
using System.Text;

namespace SmartCityGraph.Client.Tests.Runtime;

/// <summary>Answers every request with one canned response and remembers the last request.</summary>
internal sealed class StubHandler(HttpStatusCode status, string body, string mediaType) : HttpMessageHandler
{
    public HttpRequestMessage? LastRequest { get; private set; }

    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
    }
}
