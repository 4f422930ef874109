using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.GraphQL.Tests.Subscriptions;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>
/// The toy schema behind the HTTP transport and the streaming transports (WebSocket, Server-Sent Events) on a
/// real Kestrel at 127.0.0.1 on a free port.
/// </summary>
public sealed class ToyGraphQLServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ToyGraphQLServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
        Client = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql.</summary>
    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The WebSocket address of the endpoint, e.g. ws://127.0.0.1:41234/graphql.</summary>
    public Uri WebSocketEndpoint => new UriBuilder(Endpoint) { Scheme = "ws" }.Uri;

    public ToyMessageBus Messages => _app.Services.GetRequiredService<ToyMessageBus>();

    public static async Task<ToyGraphQLServer> StartAsync(
        Action<GraphQLHttpOptions>? configure = null, Action<IServiceCollection>? addServices = null,
        Action<GraphQLSubscriptionOptions>? configureSubscriptions = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(CapturingLoggerProvider.Instance);
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<ToySchema>().AddSystemTextJson().AddScopedSubscriptionExecution());
        builder.Services.AddGraphQLHttp(options =>
        {
            options.ExecutionTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(options);
        });
        builder.Services.AddGraphQLSubscriptions(options =>
        {
            options.ConnectionInitTimeout = TimeSpan.FromSeconds(3);
            configureSubscriptions?.Invoke(options);
        });
        builder.Services.AddSingleton<ToyMessageBus>();
        builder.Services.AddScoped<ToyScopeMarker>();
        builder.Services.AddSingleton<ToyMessageType>();
        addServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapGraphQLHttp();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ToyGraphQLServer(app, new Uri(new Uri(address), "/graphql"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
