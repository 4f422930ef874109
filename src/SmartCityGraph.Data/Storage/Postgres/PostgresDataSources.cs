using Npgsql;

namespace SmartCityGraph.Data.Storage.Postgres;

/// <summary>
/// The Npgsql data sources (connection pools) of the primary and of the read replica — the same object
/// when no replica is configured. EF Core's contexts, the bulk loader and anything else that needs a raw
/// connection (a LISTEN for change notifications, say) take their connections from here.
/// </summary>
public sealed class PostgresDataSources : IAsyncDisposable, IDisposable
{
    public PostgresDataSources(StorageOptions storage)
    {
        Primary = Build(storage.ConnectionString, "primary");
        Read = storage.ReadConnectionString is { Length: > 0 } read ? Build(read, "read") : Primary;
    }

    public NpgsqlDataSource Primary { get; }
    public NpgsqlDataSource Read { get; }

    private static NpgsqlDataSource Build(string connectionString, string role)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Visible in pg_stat_activity, so an operator (and a test) sees which pool a connection belongs to.
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
            builder.ConnectionStringBuilder.ApplicationName = $"SmartCityGraph ({role})";
        // The same few statement shapes run over and over: prepared once per connection, PostgreSQL plans them once
        // (planning the search's CTEs costs more than running them). Left alone when the connection string says.
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 200;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Read, Primary)) await Read.DisposeAsync();
        await Primary.DisposeAsync();
    }

    public void Dispose()
    {
        if (!ReferenceEquals(Read, Primary)) Read.Dispose();
        Primary.Dispose();
    }
}
