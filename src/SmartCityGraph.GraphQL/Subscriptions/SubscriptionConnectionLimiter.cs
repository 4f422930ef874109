using Microsoft.Extensions.Options;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// The server-wide cap on open streaming connections (WebSockets and event streams together): a slot is
/// taken when one opens and given back when it ends.
/// </summary>
public sealed class SubscriptionConnectionLimiter(IOptions<GraphQLSubscriptionOptions> options)
{
    private int _open;

    /// <summary>Connections open right now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot, or returns null when <see cref="GraphQLSubscriptionOptions.MaxConnections"/> are open.</summary>
    public IDisposable? TryAcquire()
    {
        if (Interlocked.Increment(ref _open) <= options.Value.MaxConnections)
            return new Slot(this);
        Interlocked.Decrement(ref _open);
        return null;
    }

    private sealed class Slot(SubscriptionConnectionLimiter limiter) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Interlocked.Decrement(ref limiter._open);
        }
    }
}
