using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Live;

public static class LiveServices
{
    /// <summary>
    /// Subscriptions on the history: the change bus reads new revisions from <see cref="RevisionFeed"/> when the
    /// write path reports a commit (<see cref="ChangeBusNotifier"/>) — and every <c>Limits:ChangeBus:PollInterval</c>
    /// for commits nobody reported; WebSockets sign in with the token of their <c>connection_init</c>.
    /// </summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider)
    {
        services.AddChangeBus<GraphChange, RevisionFeed>(options => configuration.GetSection("Limits:ChangeBus").Bind(options));
        if (provider == DatabaseProvider.Postgres)
        {
            // Every instance on the database hears every commit (LISTEN/NOTIFY), not only its own.
            services.AddSingleton<IChangeNotifier, PostgresChangeNotifier>();
            services.AddHostedService<PostgresChangeListener>();
        }
        else
        {
            services.AddSingleton<IChangeNotifier, ChangeBusNotifier>();
        }
        services.AddSingleton<IGraphQLConnectionInitHandler, ConnectionInitSignIn>();
        return services;
    }
}
