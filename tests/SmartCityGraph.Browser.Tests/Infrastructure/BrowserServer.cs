using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SmartCityGraph.Browser.Tests.Infrastructure;

/// <summary>
/// The real server in-process on Kestrel at a random loopback port (a browser needs a socket), on its own
/// SQLite file in a temporary directory that is seeded from the repository's seed/ on start; <c>settings</c> add to its configuration.
/// </summary>
public sealed class BrowserServer(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string SigningKey = "browser-tests-signing-key-of-at-least-32-bytes";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("smartcitygraph-browser").FullName;

    /// <summary>Starts Kestrel and answers its address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
