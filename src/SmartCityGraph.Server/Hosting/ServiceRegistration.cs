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
        // Also told of the prepared reads' statements, which run outside EF Core.
        services.AddSingleton<ISqlStatementListener>(sp => sp.GetRequiredService<SqlStatementCounter>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BerlinCalendar>();
        services.AddScoped<RequestLanguage>();

        // The provider is chosen here, once: the context pools and every provider-specific seam (prepared graph
        // reads, search, bulk loading) come with it (SmartCityGraph.Data, Storage/StorageRegistration.cs).
        var storage = StoragePaths.Storage(configuration, environment);
        services.AddSmartCityStorage(storage, (sp, options) => options.AddInterceptors(sp.GetRequiredService<SqlStatementCounter>()));
        // Nested pages per parent: PostgreSQL runs a LATERAL subquery per parent; SQLite, which has none, a correlated IN.
        services.AddSingleton(new ParentWindowOptions(
            storage.Provider == DatabaseProvider.Postgres ? ParentWindowShape.Lateral : ParentWindowShape.CorrelatedIn));
        services.AddSingleton<IReadRouting, ReplicaReadRouting>();
        services.AddScoped<SeedImporter>();

        services.AddScoped<RequestLoaders>();
        services.AddScoped<GraphLoaders>();
        services.AddScoped<GraphTraversal>();
        services.AddScoped<TimelineReader>();
        services.AddSingleton<DataSet>();

        services.AddGraphQL(graphQL => graphQL
            .AddSchema<SmartCitySchema>()
            // Umlauts and dashes stay readable in answers ("Bürger", not "B\u00fcrger").
            .AddSystemTextJson(json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddGraphTypes(typeof(SmartCitySchema).Assembly)
            // One request's DbContext is not thread-safe; loaders still batch under the serial strategy.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query));
        services.AddPagingGraphTypes();
        services.AddFacetGraphTypes();
        services.AddCostLimits(options => configuration.GetSection("Limits:Cost").Bind(options));
        services.AddGraphQLHttp(options => configuration.GetSection("Limits:Http").Bind(options));
        services.AddSingleton<IGraphQLRequestInterceptor, GraphRequestInterceptor>();
        services.AddWebPages();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
