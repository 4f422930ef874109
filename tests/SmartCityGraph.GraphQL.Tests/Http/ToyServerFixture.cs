namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>One toy server shared by a test class (2 s execution timeout, default body cap).</summary>
public sealed class ToyServerFixture : IAsyncLifetime
{
    private ToyGraphQLServer? _server;

    public ToyGraphQLServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await ToyGraphQLServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
