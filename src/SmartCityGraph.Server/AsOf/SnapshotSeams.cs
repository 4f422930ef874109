using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Graph.Postgres;
using SmartCityGraph.Data.Graph.Sqlite;
using SmartCityGraph.Data.Search;
using SmartCityGraph.Data.Search.Postgres;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.Server.AsOf;

/// <summary>
/// Past states are in-memory SQLite whatever the live engine (<see cref="GraphSnapshots"/>). The SQL seams that bypass
/// the scope's context (the graph reader and the search index run prepared statements on connections of their own) must
/// read a snapshot scope's past state through its <see cref="GraphSnapshot.Reads"/>, with SQLite's SQL, while every other
/// scope keeps the live engine's. Nested pages follow the context, which is already the snapshot's: only their shape
/// changes on a PostgreSQL host.
/// </summary>
internal static class SnapshotSeams
{
    public static IServiceCollection AddSnapshotSeams(this IServiceCollection services, DatabaseProvider live)
    {
        // Registered after the storage's own: the last registration is the one resolved.
        services.AddScoped<IGraphReader>(sp => Snapshot(sp) is { } snapshot
            ? snapshot.Reader
            : live == DatabaseProvider.Postgres ? sp.GetRequiredService<PostgresGraphReader>() : sp.GetRequiredService<SqliteGraphReader>());
        services.AddScoped<ISearchIndex>(sp => Snapshot(sp) is { } snapshot
            ? snapshot.SearchIndex
            : live == DatabaseProvider.Postgres ? sp.GetRequiredService<PostgresSearchIndex>() : sp.GetRequiredService<SqliteSearchIndex>());
        if (live == DatabaseProvider.Postgres)
            services.AddScoped(sp => new ParentWindowOptions(Snapshot(sp) is null ? ParentWindowShape.Lateral : ParentWindowShape.CorrelatedIn));
        return services;
    }

    private static GraphSnapshot? Snapshot(IServiceProvider services) => services.GetRequiredService<GraphReadState>().Snapshot;
}
