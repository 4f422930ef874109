using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// One seeded server shared by the tests of a class (read-only tests only), on SQLite or on PostgreSQL: a test class
/// written against this runs on both engines through its two sealed subclasses (<c>…OnSqlite</c>, <c>…OnPostgres</c>).
/// </summary>
public abstract class SeededServer(DatabaseProvider provider) : IAsyncLifetime
{
    private HttpClient? http;
    private Exception? unavailable;

    public ServerFactory Factory { get; } = new(provider);

    public DatabaseProvider Provider => provider;

    /// <summary>False when the engine is not installed here (the tests then skip).</summary>
    public bool Started => http is not null;

    /// <summary>The client; skips the test (or fails it on CI) when its engine is not installed.</summary>
    public HttpClient Http => http ?? throw unavailable ?? new InvalidOperationException("The server has not started.");

    public virtual Task InitializeAsync()
    {
        try
        {
            http = Factory.CreateClient();
        }
        catch (Xunit.SkipException e)
        {
            unavailable = e; // reported by each test as a skip
        }
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SeededSqliteServer() : SeededServer(DatabaseProvider.Sqlite);

public sealed class SeededPostgresServer() : SeededServer(DatabaseProvider.Postgres);
