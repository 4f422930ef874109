using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Graph.Postgres;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Search.Postgres;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage.Postgres;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Data.Synthetic.Postgres;
using SmartCityGraph.Data.Synthetic.Sqlite;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Chooses the provider once, at start-up: the DbContext's engine and every provider-specific seam
/// (prepared graph reads, search index, bulk loading) come from here, side by side in <c>…/Sqlite/</c>
/// and <c>…/Postgres/</c> folders; nothing else in the code asks which engine it runs on.
/// </summary>
public static class StorageRegistration
{
    /// <summary>The assembly holding the PostgreSQL migrations (EF Core: one migrations assembly per provider).</summary>
    public const string PostgresMigrationsAssembly = "SmartCityGraph.Data.PostgresMigrations";

    /// <summary>Points <paramref name="options"/> at a database of <paramref name="provider"/> (also for tests and tools).</summary>
    public static DbContextOptionsBuilder UseSmartCityDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Postgres
            ? options.UseNpgsql(connectionString, PostgresOptions)
            : options.UseSqlite(connectionString).UseModel(CompiledModel.SmartCityDbContextModel.Instance);

    /// <summary>The same for a PostgreSQL data source (its connection pool), as the server uses it.</summary>
    public static DbContextOptionsBuilder UseSmartCityDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, PostgresOptions);

    private static ILogger<T> Logger<T>(IServiceProvider services) => services.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;

    private static void PostgresOptions(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(PostgresMigrationsAssembly);

    /// <summary>
    /// Registers the storage: <see cref="StorageOptions"/>, two pools of <see cref="SmartCityDbContext"/> (the primary
    /// and the read replica, one pool when there is no replica), the scoped context chosen by <see cref="IReadRouting"/>,
    /// and the provider's seams. <paramref name="configure"/> adds the host's own settings (interceptors, logging).
    /// </summary>
    public static IServiceCollection AddSmartCityStorage(
        this IServiceCollection services, StorageOptions storage, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
    {
        services.AddSingleton(storage);
        services.AddSingleton(sp => new SmartCityContextPools(sp, storage, configure));
        services.AddSingleton<IReadRouting, PrimaryOnly>(); // the host replaces it to send reads to the replica
        services.AddScoped(sp => sp.GetRequiredService<SmartCityContextPools>()
            .Create(sp.GetRequiredService<IReadRouting>().ReadOnly));
        services.AddScoped<SyntheticGraphGenerator>();
        services.AddSingleton<ConnectionPerContext>();
        // How the prepared reads turn rows into objects: derived once from the provider's EF Core model.
        services.AddSingleton(sp =>
        {
            using var db = sp.GetRequiredService<SmartCityContextPools>().Create(readOnly: false);
            return new ModelRows(db.Model);
        });
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            // One data source (connection pool) per database, shared by EF and by raw Npgsql work (COPY, LISTEN/NOTIFY).
            services.AddSingleton(_ => new PostgresDataSources(storage));
            services.AddSingleton(sp => new PostgresReads(sp.GetRequiredService<PostgresDataSources>(), sp.GetRequiredService<IReadRouting>(),
                sp.GetServices<ISqlStatementListener>(), Logger<PostgresReads>(sp)));
            services.AddSingleton<PostgresGraphReader>();
            services.AddSingleton<IGraphReader>(sp => sp.GetRequiredService<PostgresGraphReader>());
            services.AddSingleton<PostgresSearchIndex>();
            services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<PostgresSearchIndex>());
            services.AddScoped<IBulkGraphLoader, PostgresBulkGraphLoader>();
        }
        else
        {
            SqliteThreading.UseMultiThreadMode(); // before the first connection opens
            services.AddSingleton<SqliteInterruptOnCancel>();
            services.AddSingleton<SqliteConnectionTuning>();
            // Read-only connections of their own (query_only), each statement prepared once per connection.
            services.AddSingleton(sp => new SqliteReads(storage.ReadConnectionString ?? storage.ConnectionString,
                sp.GetServices<ISqlStatementListener>(), Logger<SqliteReads>(sp), sp.GetRequiredService<SqliteConnectionTuning>()));
            services.AddSingleton<SqliteGraphReader>();
            services.AddSingleton<IGraphReader>(sp => sp.GetRequiredService<SqliteGraphReader>());
            services.AddSingleton<SqliteSearchIndex>();
            services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<SqliteSearchIndex>());
            services.AddScoped<IBulkGraphLoader, SqliteBulkGraphLoader>();
        }
        return services;
    }
}

/// <summary>Whether the current unit of work only reads (and may use the read replica).</summary>
public interface IReadRouting
{
    bool ReadOnly { get; }
}

/// <summary>Everything on the primary: start-up, verbs and any host that does not say otherwise.</summary>
internal sealed class PrimaryOnly : IReadRouting
{
    public bool ReadOnly => false;
}

/// <summary>
/// The pooled contexts of the primary and of the read replica. Pools, not one context per request: a context is
/// reset and reused, so a request pays for no model or service lookups.
/// </summary>
public sealed class SmartCityContextPools
{
    private readonly IDbContextFactory<SmartCityDbContext> primary;
    private readonly IDbContextFactory<SmartCityDbContext> read;

    public SmartCityContextPools(IServiceProvider services, StorageOptions storage, Action<IServiceProvider, DbContextOptionsBuilder>? configure)
    {
        primary = Pool(services, storage, configure, readReplica: false);
        read = storage.ReadConnectionString is { Length: > 0 } ? Pool(services, storage, configure, readReplica: true) : primary;
        HasReadReplica = !ReferenceEquals(primary, read);
    }

    /// <summary>True when reads may go to a replica of their own.</summary>
    public bool HasReadReplica { get; }

    /// <summary>A context on the replica when <paramref name="readOnly"/> and there is one, else on the primary; dispose it to return it.</summary>
    public SmartCityDbContext Create(bool readOnly) => (readOnly ? read : primary).CreateDbContext();

    private static PooledDbContextFactory<SmartCityDbContext> Pool(
        IServiceProvider services, StorageOptions storage, Action<IServiceProvider, DbContextOptionsBuilder>? configure, bool readReplica)
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            var sources = services.GetRequiredService<PostgresDataSources>();
            options.UseSmartCityDatabase(readReplica ? sources.Read : sources.Primary);
        }
        else
        {
            options.UseSmartCityDatabase(DatabaseProvider.Sqlite, readReplica ? storage.ReadConnectionString! : storage.ConnectionString);
            options.AddInterceptors(services.GetRequiredService<SqliteInterruptOnCancel>(), services.GetRequiredService<SqliteConnectionTuning>());
        }
        // One connection open per leased context on both engines (see ConnectionPerContext): SQLite's pool takes a lock
        // per open, Npgsql's resets the connection's session state on each return; a context is returned (and its
        // connection closed) when its request ends, so no connection outlives a request.
        options.AddInterceptors(services.GetRequiredService<ConnectionPerContext>());
        // As AddDbContextPool does: EF takes the host's logging (and other application services) from here.
        options.UseApplicationServiceProvider(services);
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        configure?.Invoke(services, options);
        return new PooledDbContextFactory<SmartCityDbContext>(options.Options);
    }
}
