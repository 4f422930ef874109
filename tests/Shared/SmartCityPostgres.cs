using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Testing;

/// <summary>
/// SmartCityGraph databases on the test run's <see cref="PostgresCluster"/>: each a copy of one template that has
/// every PostgreSQL migration applied (so a test class's database costs a file copy, not a migration run).
/// </summary>
internal static class SmartCityPostgres
{
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new, migrated, empty database; its connection string.</summary>
    public static string CreateDatabase() => PostgresCluster.Instance.CreateDatabase(Template.Value);

    private static string CreateTemplate()
    {
        var cluster = PostgresCluster.Instance;
        var connectionString = cluster.CreateDatabase();
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Postgres, builder.ToString());
        using (var db = new SmartCityDbContext(options.Options)) db.Database.Migrate();
        return builder.Database!;
    }
}
