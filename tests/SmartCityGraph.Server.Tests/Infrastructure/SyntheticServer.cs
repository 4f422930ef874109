using SmartCityGraph.Data.Synthetic;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// A server over a generated graph of a few thousand entities (read-only tests only): unlike the
/// seed, its pilots have many events and its strategies many phases, so every nested connection pages.
/// </summary>
public sealed class SyntheticServer : IAsyncLifetime
{
    public const int Entities = 3_000;

    public ServerFactory Factory { get; } = new();
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Http = Factory.CreateClient(); // starts the server: migrated and seeded, then replaced below
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SyntheticGraphGenerator>().GenerateAsync(new SyntheticGraphOptions(Entities));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
