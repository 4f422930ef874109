using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.PostgresMigrations;

/// <summary>
/// Lets <c>dotnet ef migrations add … -p src/SmartCityGraph.Data.PostgresMigrations -s src/SmartCityGraph.Data.PostgresMigrations</c>
/// build the PostgreSQL model without a server (no database is contacted for adding a migration).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SmartCityDbContext>
{
    public SmartCityDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=design_time");
        return new SmartCityDbContext(options.Options);
    }
}
