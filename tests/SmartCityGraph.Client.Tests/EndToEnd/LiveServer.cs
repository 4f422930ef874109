using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.EndToEnd;

/// <summary>
/// The real server in-process on its own SQLite file (seeded from the repository's seed/ on start),
/// and the project's generated client talking to it through the usual DI registration.
/// </summary>
public class LiveServer : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcitygraph-client-test").FullName;
    private ServiceProvider? _clientServices;

    /// <summary>The generated client, sending its requests to the in-process server.</summary>
    public ISmartCityClient Client => (_clientServices ??= BuildClientServices()).GetRequiredService<ISmartCityClient>();

    /// <summary>How the client sends its operations.</summary>
    protected virtual PersistedDocumentsMode PersistedDocuments => PersistedDocumentsMode.Auto;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero))));
    }

    private ServiceProvider BuildClientServices()
    {
        var server = Server;
        var services = new ServiceCollection();
        services.AddSmartCityClient().UsePersistedDocuments(PersistedDocuments).ConfigureHttpClient(
            c => c.BaseAddress = new Uri(server.BaseAddress, "/graphql"),
            builder => builder.ConfigurePrimaryHttpMessageHandler(server.CreateHandler));
        return services.BuildServiceProvider();
    }

    protected override void Dispose(bool disposing)
    {
        _clientServices?.Dispose();
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
