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
/// Past states are in-memory SQLite whatever the live engine (<see cref="Data.Editing.GraphSnapshots"/>), so on a
/// PostgreSQL host a scope reading one must use the SQLite implementations of the SQL seams (search, neighbour
/// windows, nested pages) while every other scope keeps PostgreSQL's. On SQLite there is nothing to choose.
/// </summary>
internal static class SnapshotSeams
{
    public static IServiceCollection AddSnapshotSeams(this IServiceCollection services, DatabaseProvider live)
    {
        if (live != DatabaseProvider.Postgres) return services;
        services.AddSingleton<PostgresNeighbourWindows>();
        services.AddSingleton<SqliteNeighbourWindows>();
        // Registered after the storage's own: the last registration is the one resolved.
        services.AddScoped<ISearchIndex>(sp => ReadsSnapshot(sp)
            ? new SqliteSearchIndex(sp.GetRequiredService<SmartCityDbContext>())
            : new PostgresSearchIndex(sp.GetRequiredService<SmartCityDbContext>()));
        services.AddScoped<INeighbourWindows>(sp => ReadsSnapshot(sp)
            ? sp.GetRequiredService<SqliteNeighbourWindows>()
            : sp.GetRequiredService<PostgresNeighbourWindows>());
        services.AddScoped(sp => new ParentWindowOptions(ReadsSnapshot(sp) ? ParentWindowShape.CorrelatedIn : ParentWindowShape.Lateral));
        return services;
    }

    private static bool ReadsSnapshot(IServiceProvider services) => services.GetRequiredService<GraphReadState>().Snapshot is not null;
}
