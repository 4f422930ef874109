using SmartCityGraph.Data.Editing;
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
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChangeBus<GraphChange, RevisionFeed>(options => configuration.GetSection("Limits:ChangeBus").Bind(options));
        services.AddSingleton<IChangeNotifier, ChangeBusNotifier>();
        services.AddSingleton<IGraphQLConnectionInitHandler, ConnectionInitSignIn>();
        return services;
    }
}
