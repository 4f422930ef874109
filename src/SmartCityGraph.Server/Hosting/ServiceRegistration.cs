using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCityGraph.Data.Editing;
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
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Live;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.Relations;
using SmartCityGraph.Server.Schema;
using SmartCityGraph.Server.SignIn;
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
        services.AddPooledDbContextFactory<SmartCityDbContext>((sp, options) => Common(sp, options.UseSqlite(connectionString)));
        // A scope's context reads the live database (pooled), or the past state an "as of" scope was opened on.
        services.AddScoped<GraphReadState>();
        services.AddScoped(sp => sp.GetRequiredService<GraphReadState>().CreateContext(sp));
        services.AddSingleton(configuration.GetSection("AsOf").Get<SnapshotOptions>() ?? new SnapshotOptions());
        services.AddSingleton(sp => new GraphSnapshots(sp.GetRequiredService<SnapshotOptions>(), options => Common(sp, options),
            sp.GetRequiredService<ILogger<GraphSnapshots>>()));
        services.AddScoped<AsOfScopes>();
        services.AddScoped<GraphWriter>(); // the one write path: mutations and the seed import
        services.AddLiveUpdates(configuration); // its commits wake the change bus behind the subscriptions
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
        services.AddMutationGraphTypes();
        services.AddCostLimits(options => configuration.GetSection("Limits:Cost").Bind(options));
        services.AddGraphQLHttp(options => configuration.GetSection("Limits:Http").Bind(options));
        services.AddGraphQLSubscriptions(options => configuration.GetSection("Limits:Subscriptions").Bind(options));
        services.AddSingleton<IGraphQLRequestInterceptor, GraphRequestInterceptor>();
        services.AddWebPages();
        services.AddSmartCitySignIn(configuration, environment);

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>What every context has, live or past: no tracking, the statement counter, interrupt on cancel, connection tuning.</summary>
    private static DbContextOptionsBuilder Common(IServiceProvider sp, DbContextOptionsBuilder options) => options
        .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
        .AddInterceptors(
            sp.GetRequiredService<SqlStatementCounter>(), sp.GetRequiredService<SqliteInterruptOnCancel>(), sp.GetRequiredService<SqliteConnectionTuning>());
}
