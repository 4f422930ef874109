using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>The toy schema behind the HTTP transport on a real Kestrel at 127.0.0.1 on a free port.</summary>
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

    public static async Task<ToyGraphQLServer> StartAsync(
        Action<GraphQLHttpOptions>? configure = null, Action<IServiceCollection>? addServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(CapturingLoggerProvider.Instance);
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<ToySchema>().AddSystemTextJson());
        builder.Services.AddGraphQLHttp(options =>
        {
            options.ExecutionTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(options);
        });
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
