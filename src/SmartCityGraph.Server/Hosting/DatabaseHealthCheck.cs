using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Hosting;

internal sealed class DatabaseHealthCheck(SmartCityDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database is reachable.")
            : HealthCheckResult.Unhealthy("The database is not reachable.");
}
