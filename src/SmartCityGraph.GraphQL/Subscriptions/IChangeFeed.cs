namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// A store's record of its changes as <see cref="ChangeBus{TChange}"/> reads it: numbered without gaps, in
/// commit order. The host implements it over its own storage (opening a scope per call: the bus is a singleton).
/// </summary>
public interface IChangeFeed<TChange>
{
    /// <summary>The number of the latest change; 0 when there is none.</summary>
    Task<long> LatestNumberAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> changes numbered after <paramref name="after"/>, in number order.</summary>
    Task<IReadOnlyList<TChange>> ReadAfterAsync(long after, int max, CancellationToken cancellationToken);

    long NumberOf(TChange change);
}
