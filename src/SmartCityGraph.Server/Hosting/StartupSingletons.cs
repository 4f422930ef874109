using OpenTelemetry.Metrics;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// Singletons that the rest of start-up and the first request would otherwise build on their way, built ahead on the
/// core that has finished the GraphQL warm-up while the main thread still prepares the database: the metrics' provider
/// (which mapping <c>/metrics</c> asks for: ~60 ms of a restart) and the readers of the EF model's rows (which the first
/// prepared read asks for: ~25 ms).
/// </summary>
internal static class StartupSingletons
{
    public static void Build(IServiceProvider services, ILogger logger)
    {
        try
        {
            services.GetService<MeterProvider>();
            services.GetService<ModelRows>();
        }
        catch (Exception e)
        {
            // Built ahead only: whoever asks for them next builds them again and reports what fails.
            logger.LogWarning(e, "Building the start-up singletons ahead failed.");
        }
    }
}
