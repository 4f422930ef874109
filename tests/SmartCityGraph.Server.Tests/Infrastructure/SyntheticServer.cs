using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Synthetic;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// A server over a generated graph of a few thousand entities (read-only tests only): unlike the
/// seed, its pilots have many events and its strategies many phases, so every nested connection pages.
/// </summary>
public abstract class SyntheticServer(DatabaseProvider provider) : SeededServer(provider)
{
    public const int Entities = 3_000;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync(); // starts the server: migrated and seeded, then replaced below
        if (!Started) return;
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SyntheticGraphGenerator>().GenerateAsync(new SyntheticGraphOptions(Entities));
    }
}

public sealed class SyntheticSqliteServer() : SyntheticServer(DatabaseProvider.Sqlite);

public sealed class SyntheticPostgresServer() : SyntheticServer(DatabaseProvider.Postgres);
