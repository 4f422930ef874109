namespace SmartCityGraph.GraphQL.RateLimiting;

/// <summary>
/// One request's account with <see cref="CostRateLimiter"/>, kept in the request's features by
/// <see cref="CostRateLimitMiddleware"/>: which bucket it spends from, whether its cost was spent and whether it was refused.
/// </summary>
public sealed class RateLimitCharge(string client)
{
    public string Client { get; } = client;

    /// <summary>Whether the operation's cost has been spent (else the request spends 1 point when it ends).</summary>
    public bool Spent { get; set; }

    /// <summary>Set when the request was refused for want of points: how long until it could succeed.</summary>
    public TimeSpan? RetryAfter { get; set; }
}
