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
    private ServiceProvider? _editorServices;

    /// <summary>The server's signing key (so the tests can mint tokens the way the `token` verb does).</summary>
    public const string SigningKey = "client-tests-signing-key-of-at-least-32-bytes";

    /// <summary>The generated client, sending its requests to the in-process server.</summary>
    public ISmartCityClient Client => (_clientServices ??= BuildClientServices(null)).GetRequiredService<ISmartCityClient>();

    /// <summary>The same client signed in as an editor (a bearer token configured on the client builder).</summary>
    public ISmartCityClient EditorClient => (_editorServices ??= BuildClientServices(
        SmartCityGraph.Server.SignIn.TokenIssuer.Issue(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SigningKey)),
            "Client Test", "editor", TimeSpan.FromHours(1)))).GetRequiredService<ISmartCityClient>();

    /// <summary>How the client sends its operations.</summary>
    protected virtual PersistedDocumentsMode PersistedDocuments => PersistedDocumentsMode.Auto;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero))));
    }

    private ServiceProvider BuildClientServices(string? token)
    {
        var server = Server;
        var services = new ServiceCollection();
        var client = services.AddSmartCityClient().UsePersistedDocuments(PersistedDocuments).ConfigureHttpClient(
            c => c.BaseAddress = new Uri(server.BaseAddress, "/graphql"),
            builder => builder.ConfigurePrimaryHttpMessageHandler(server.CreateHandler))
            // Subscriptions and Watch() over the in-process server's WebSocket.
            .ConfigureWebSocket(async (_, endpoint, ct) =>
            {
                var socket = server.CreateWebSocketClient();
                socket.SubProtocols.Add("graphql-transport-ws");
                return await socket.ConnectAsync(endpoint, ct);
            });
        if (token is not null) client.WithBearerToken(token);
        return services.BuildServiceProvider();
    }

    protected override void Dispose(bool disposing)
    {
        _clientServices?.Dispose();
        _editorServices?.Dispose();
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
