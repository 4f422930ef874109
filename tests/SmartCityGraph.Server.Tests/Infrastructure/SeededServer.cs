namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>One seeded server shared by the tests of a class (read-only tests only).</summary>
public sealed class SeededServer : IAsyncLifetime
{
    public ServerFactory Factory { get; } = new();
    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Http = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
