using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Data.Timeline;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Documents;
using SmartCityGraph.GraphQL.Execution;
using SmartCityGraph.GraphQL.Faceting;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Limits;
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.GraphQL.Paging;
using SmartCityGraph.GraphQL.PersistedDocuments;
using SmartCityGraph.GraphQL.RateLimiting;
using SmartCityGraph.GraphQL.Telemetry;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Export;
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
        // Also told of the prepared reads' statements, which run outside EF Core.
        services.AddSingleton<ISqlStatementListener>(sp => sp.GetRequiredService<SqlStatementCounter>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BerlinCalendar>();
        services.AddScoped<RequestLanguage>();

        // The provider is chosen here, once: the context pools and every provider-specific seam (prepared graph
        // reads, search, bulk loading) come with it (SmartCityGraph.Data, Storage/StorageRegistration.cs).
        var storage = StoragePaths.Storage(configuration, environment);
        services.AddSmartCityStorage(storage, (sp, options) => options
            // Every executed statement at Debug, not EF Core's Information: a line per statement on the console
            // cost a fifth of the throughput at the default level (Logging:LogLevel:Microsoft.EntityFrameworkCore=Debug shows them).
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandExecuted, LogLevel.Debug)))
            .AddInterceptors(sp.GetRequiredService<SqlStatementCounter>()));
        // Nested pages per parent: PostgreSQL runs a LATERAL subquery per parent; SQLite, which has none, a correlated IN.
        services.AddSingleton(new ParentWindowOptions(
            storage.Provider == DatabaseProvider.Postgres ? ParentWindowShape.Lateral : ParentWindowShape.CorrelatedIn));
        services.AddSingleton<IReadRouting, ReplicaReadRouting>();

        // A scope's context reads the live database (pooled, routed), or the past state an "as of" scope was opened on,
        // which is in-memory SQLite whatever the live engine (AsOf/SnapshotSeams.cs picks the SQL seams to match).
        services.AddScoped<GraphReadState>();
        services.AddScoped(sp => sp.GetRequiredService<GraphReadState>().CreateContext(sp));
        services.AddSnapshotSeams(storage.Provider);
        services.AddSingleton(configuration.GetSection("AsOf").Get<SnapshotOptions>() ?? new SnapshotOptions());
        services.AddSingleton(sp => new GraphSnapshots(sp.GetRequiredService<SnapshotOptions>(), options => options
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                .AddInterceptors(sp.GetRequiredService<SqlStatementCounter>(), new SqliteInterruptOnCancel(), new SqliteConnectionTuning()),
            sp.GetServices<ISqlStatementListener>(), sp.GetRequiredService<ILogger<GraphSnapshots>>()));
        services.AddScoped<AsOfScopes>();
        services.AddScoped<GraphWriter>(); // the one write path: mutations and the seed import
        services.AddLiveUpdates(configuration, storage.Provider); // its commits wake the change bus behind the subscriptions
        services.AddScoped<SeedImporter>();

        services.AddScoped<RequestLoaders>();
        services.AddScoped<GraphLoaders>();
        services.AddScoped<GraphTraversal>();
        services.AddScoped<TimelineReader>();
        services.AddSingleton<DataSet>();
        services.AddExports(configuration); // Limits:Exports

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<SmartCitySchema>()
            // Umlauts and dashes stay readable in answers ("Bürger", not "B\u00fcrger").
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(SmartCitySchema).Assembly)
            // One request's DbContext is not thread-safe; loaders still batch under the serial strategy, which collects an
            // object's fields from a selection set once per type.
            .AddExecutionStrategy<KnownFieldsExecutionStrategy>(OperationType.Query)
            // Oversized documents are refused before they are parsed or validated (Limits:MaxFields, Limits:MaxTokens).
            .AddDocumentLimits(options => configuration.GetSection("Limits").Bind(options))
            // {"documentId": "sha256:…"} runs a typed client's operation; Security:TrustedDocumentsOnly keeps anonymous callers to those.
            .AddTrustedDocuments(StoragePaths.PersistedDocumentsDirectory(configuration, environment),
                options => configuration.GetSection("Security").Bind(options))
            // Subscription events each run in a scope of their own (a DbContext per event), serially beneath.
            .AddScopedSubscriptionExecution());
        services.AddPagingGraphTypes();
        services.AddFacetGraphTypes();
        services.AddMutationGraphTypes();
        services.AddCostLimits(options => configuration.GetSection("Limits:Cost").Bind(options));
        // Parsed and validated documents by their text, so a repeated document is not parsed and validated again.
        services.AddValidatedDocumentCache(options => configuration.GetSection("GraphQL:DocumentCache").Bind(options));
        services.AddGraphQLHttp(options => configuration.GetSection("Limits:Http").Bind(options));
        services.AddGraphQLTelemetry(); // first interceptor: its span and timing cover the others
        services.AddGraphQLSubscriptions(options => configuration.GetSection("Limits:Subscriptions").Bind(options));
        services.AddSingleton<IGraphQLRequestInterceptor, GraphRequestInterceptor>();
        // After the interceptor above: its cost rule computes the cost that the rate limit spends.
        services.AddCostRateLimiting(options => configuration.GetSection("RateLimiting").Bind(options));
        services.AddWebPages();
        services.AddSmartCitySignIn(configuration, environment);

        services.AddSmartCityTelemetry(configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
