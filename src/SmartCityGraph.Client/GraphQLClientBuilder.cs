using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client.Http;
using SmartCityGraph.Client.WebSockets;

namespace SmartCityGraph.Client;

/// <summary>
/// Returned by the generated <c>services.Add{ClientName}()</c>: configures the named HttpClient the
/// client sends its requests with.
/// </summary>
public sealed class GraphQLClientBuilder
{
    /// <summary>Registers the named HttpClient <paramref name="clientName"/>.</summary>
    public GraphQLClientBuilder(IServiceCollection services, string clientName)
    {
        Services = services;
        ClientName = clientName;
        HttpClientBuilder = services.AddHttpClient(clientName);
        // One per client (one shared socket), created and disposed by the container.
        services.AddKeyedSingleton<IGraphQLSubscriptionExecutor>(clientName, (provider, _) => CreateSubscriptionExecutor(provider));
    }

    /// <summary>The services the client was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The client's name, also the name of its HttpClient.</summary>
    public string ClientName { get; }

    /// <summary>The builder of the named HttpClient: add handlers, resilience, a primary handler, …</summary>
    public IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>Configures the HttpClient, e.g. <c>c => c.BaseAddress = new Uri("http://127.0.0.1:5000/graphql")</c>.</summary>
    public GraphQLClientBuilder ConfigureHttpClient(Action<HttpClient> configureClient, Action<IHttpClientBuilder>? configureClientBuilder = null)
    {
        HttpClientBuilder.ConfigureHttpClient(configureClient);
        configureClientBuilder?.Invoke(HttpClientBuilder);
        return this;
    }

    /// <summary>Configures the HttpClient with access to the services (e.g. for configuration).</summary>
    public GraphQLClientBuilder ConfigureHttpClient(Action<IServiceProvider, HttpClient> configureClient, Action<IHttpClientBuilder>? configureClientBuilder = null)
    {
        HttpClientBuilder.ConfigureHttpClient(configureClient);
        configureClientBuilder?.Invoke(HttpClientBuilder);
        return this;
    }

    /// <summary>How operations are sent: by persisted-document id, by document, or the first when the server knows it (default).</summary>
    public PersistedDocumentsMode PersistedDocuments { get; private set; } = PersistedDocumentsMode.Auto;

    /// <summary>Chooses how operations are sent (see <see cref="PersistedDocumentsMode"/>).</summary>
    public GraphQLClientBuilder UsePersistedDocuments(PersistedDocumentsMode mode)
    {
        PersistedDocuments = mode;
        return this;
    }

    /// <summary>
    /// Signs every request in with a bearer token (mutations need one: <c>token --role editor --name NAME</c> on the server
    /// mints one), e.g. <c>.WithBearerToken(configuration["SmartCity:Token"])</c>. Never log the token.
    /// </summary>
    public GraphQLClientBuilder WithBearerToken(string? token) => WithBearerToken((_, _) => new ValueTask<string?>(token));

    /// <summary>As above, asking <paramref name="token"/> for the token before each request (to renew it, or read it from a service).</summary>
    public GraphQLClientBuilder WithBearerToken(Func<IServiceProvider, CancellationToken, ValueTask<string?>> token)
    {
        HttpClientBuilder.AddHttpMessageHandler(services => new BearerTokenHandler(ct => token(services, ct)));
        _token = token; // and the subscription socket's connection_init
        return this;
    }

    /// <summary>The executor the generated client sends its operations through.</summary>
    public IGraphQLExecutor CreateExecutor(IServiceProvider services) =>
        new HttpGraphQLExecutor(services.GetRequiredService<IHttpClientFactory>(), ClientName, PersistedDocuments);

    private Func<IServiceProvider, Uri, CancellationToken, Task<WebSocket>>? _connectWebSocket;
    private Func<IServiceProvider, CancellationToken, ValueTask<string?>>? _token;

    /// <summary>
    /// Replaces how the subscription socket is opened (by default a <see cref="ClientWebSocket"/> to the
    /// HttpClient's address as ws(s), with its default request headers), e.g. for a test server.
    /// The socket must ask for the <c>graphql-transport-ws</c> subprotocol.
    /// </summary>
    public GraphQLClientBuilder ConfigureWebSocket(Func<IServiceProvider, Uri, CancellationToken, Task<WebSocket>> connect)
    {
        _connectWebSocket = connect;
        return this;
    }

    /// <summary>
    /// A new executor of subscriptions: one shared WebSocket to the HttpClient's address
    /// (<c>graphql-transport-ws</c>). The client's own is registered as a keyed singleton under <see cref="ClientName"/>.
    /// </summary>
    public IGraphQLSubscriptionExecutor CreateSubscriptionExecutor(IServiceProvider services)
    {
        var httpClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
        var endpoint = httpClient.BaseAddress ?? new Uri("http://localhost/graphql");
        var connect = _connectWebSocket is { } custom
            ? cancellationToken => custom(services, endpoint, cancellationToken)
            : WebSocketGraphQLExecutor.ClientWebSocketConnector(endpoint, httpClient.DefaultRequestHeaders);
        var token = _token is { } tokenFor ? (Func<CancellationToken, ValueTask<string?>>)(ct => tokenFor(services, ct)) : null;
        return new WebSocketGraphQLExecutor(endpoint.ToString(), connect, token, PersistedDocuments);
    }
}
