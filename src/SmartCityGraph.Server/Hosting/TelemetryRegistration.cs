using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Telemetry;

namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// OpenTelemetry: metrics always (served at <c>GET /metrics</c> in the Prometheus text format: the GraphQL instruments and
/// ASP.NET Core's HTTP ones); traces - a span per HTTP request, the <c>graphql.request</c> span inside it and a span per
/// SQL statement inside that - when they are exported (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, which also exports the
/// metrics and logs over OTLP) or asked for with <c>Telemetry:Traces=true</c>; unexported spans would only cost time.
/// </summary>
public static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddSmartCityTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exportOtlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("SmartCityGraph"))
            .WithMetrics(metrics => metrics
                .AddMeter(GraphQLTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        if (exportOtlp || configuration.GetValue("Telemetry:Traces", false))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GraphQLTelemetry.Name)
                .AddSource(PreparedReadTelemetry.Name) // the SQL that bypasses EF Core
                .AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path != MetricsPath)
                .AddEntityFrameworkCoreInstrumentation());
        }
        if (exportOtlp)
            telemetry.UseOtlpExporter();
        return services;
    }

    /// <summary>Serves the metrics at <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
