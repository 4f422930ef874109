namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>Settings of <see cref="ChangeBus{TChange}"/>; the host binds them from configuration.</summary>
public sealed class ChangeBusOptions
{
    /// <summary>
    /// How many missed changes a subscription with <c>since</c> may replay. Kept below
    /// <see cref="GraphQLSubscriptionOptions.MaxPendingMessages"/>: a replay arrives at once, and a client that
    /// cannot take it in would be dropped as a slow consumer.
    /// </summary>
    public int MaxReplay { get; set; } = 200;

    /// <summary>How many changes the bus reads per statement when it catches up.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How often the bus looks for changes nobody told it about (a notification lost with a crashed instance
    /// or a dropped LISTEN connection); notifications make it look at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
