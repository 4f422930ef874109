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
    private static readonly Type[] Types = [typeof(MeterProvider), typeof(ModelRows)];

    public static void Build(IServiceProvider services, ILogger logger)
    {
        foreach (var type in Types)
        {
            try
            {
                services.GetService(type);
            }
            catch (Exception e)
            {
                // Built ahead only: whoever asks for it next builds it again and reports what fails.
                logger.LogWarning(e, "Building {Type} ahead at start-up failed.", type.Name);
            }
        }
    }
}
