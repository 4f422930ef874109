using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Data.Timeline;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Schema;
using SmartCityGraph.Server.Web;

namespace SmartCityGraph.Server.Hosting;

public static class ServiceRegistration
{
    public static IServiceCollection AddSmartCityGraph(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<SqlStatementCounter>();
        services.AddSingleton<SqliteInterruptOnCancel>();
        services.AddSingleton<SqliteConnectionTuning>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BerlinCalendar>();

        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not available in this build; use 'Sqlite' (PostgreSQL is the planned scale-out provider).");
        var connectionString = StoragePaths.ConnectionString(configuration, environment);
        services.AddDbContextPool<SmartCityDbContext>((sp, options) => options
            .UseSqlite(connectionString)
            .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(
                sp.GetRequiredService<SqlStatementCounter>(), sp.GetRequiredService<SqliteInterruptOnCancel>(), sp.GetRequiredService<SqliteConnectionTuning>()));
        services.AddScoped<SeedImporter>();
        services.AddScoped<SyntheticGraphGenerator>();

        services.AddScoped<RequestLoaders>();
        services.AddScoped<GraphLoaders>();
        services.AddScoped<ISearchIndex, SqliteSearchIndex>(); // the SQLite (FTS5) seam; PostgreSQL brings its own
        services.AddScoped<GraphTraversal>();
        services.AddScoped<TimelineReader>();
        services.AddSingleton<DataSet>();

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<SmartCitySchema>()
            // Umlauts and dashes stay readable in answers ("Bürger", not "B\u00fcrger").
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(SmartCitySchema).Assembly)
            // One request's DbContext is not thread-safe; loaders still batch under the serial strategy.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            // Subscription events each run in a scope of their own (a DbContext per event), serially beneath.
            .AddScopedSubscriptionExecution());
        services.AddPagingGraphTypes();
        services.AddFacetGraphTypes();
        services.AddCostLimits(options => configuration.GetSection("Limits:Cost").Bind(options));
        services.AddGraphQLHttp(options => configuration.GetSection("Limits:Http").Bind(options));
        services.AddGraphQLSubscriptions(options => configuration.GetSection("Limits:Subscriptions").Bind(options));
        services.AddSingleton<IGraphQLRequestInterceptor, GraphRequestInterceptor>();
        services.AddWebPages();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
