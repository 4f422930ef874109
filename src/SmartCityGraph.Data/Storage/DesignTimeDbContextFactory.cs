using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartCityGraph.Data.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SmartCityDbContext>
{
    public SmartCityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
