using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// Singletons that the rest of start-up and the first request would otherwise build on their way, built ahead by the
/// main thread once the database is prepared, while the other core still builds the GraphQL schema:
/// <list type="bullet">
/// <item>the metrics' provider, which mapping <c>/metrics</c> asks for (~60 ms of a restart);</item>
/// <item>the readers of the EF model's rows, which the first prepared read asks for (they lease the first EF Core
/// context, which builds EF Core's services);</item>
/// <item>what every request's authentication uses: its metrics (a meter and its histograms, created with the first
/// authentication service: ~30 ms) and the bearer scheme's options.</item>
/// </list>
/// </summary>
internal static class StartupSingletons
{
    private static readonly (string Name, Action<IServiceProvider> Build)[] Builds =
    [
        (nameof(MeterProvider), services => services.GetService<MeterProvider>()),
        (nameof(ModelRows), services => services.GetService<ModelRows>()),
        ("authentication", services =>
        {
            using (var scope = services.CreateScope()) scope.ServiceProvider.GetService<IAuthenticationService>();
            services.GetService<IOptionsMonitor<JwtBearerOptions>>()?.Get(JwtBearerDefaults.AuthenticationScheme);
        }),
    ];

    public static void Build(IServiceProvider services, ILogger logger)
    {
        foreach (var (name, build) in Builds)
        {
            try
            {
                build(services);
            }
            catch (Exception e)
            {
                // Built ahead only: whoever asks for it next builds it again and reports what fails.
                logger.LogWarning(e, "Building {Type} ahead at start-up failed.", name);
            }
        }
    }
}
