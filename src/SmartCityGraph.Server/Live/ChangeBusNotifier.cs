using SmartCityGraph.Data.Editing;
using SmartCityGraph.GraphQL.Subscriptions;

namespace SmartCityGraph.Server.Live;

/// <summary>The write path's commits wake the change bus, which then reads the new revisions itself.</summary>
public sealed class ChangeBusNotifier(ChangeBus<GraphChange> bus) : IChangeNotifier
{
    public void Committed(IReadOnlyList<int> revisionNumbers) => bus.Notify();
}
