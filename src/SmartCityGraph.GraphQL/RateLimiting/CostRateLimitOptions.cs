namespace SmartCityGraph.GraphQL.RateLimiting;

/// <summary>
/// The per-client budget of cost points (configuration section <c>RateLimiting</c>). Each GraphQL request spends its
/// operation's computed cost (at least 1 point); the budget refills continuously, <see cref="PointsPerMinute"/> a minute,
/// and holds at most that many points.
/// </summary>
public sealed class CostRateLimitOptions
{
    /// <summary>Whether requests are limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The budget: 100,000 points a minute is twice the largest cost one operation may have (<c>Limits:Cost:MaxCost</c>,
    /// 50,000), so any allowed operation fits a full budget, and about 1,000 pages of 100 items, or 100,000 single-node
    /// lookups, a minute (1,700 a second) - more than a person or a well-behaved script needs, less than one client
    /// needs to take a 2-core server's whole capacity for heavy queries.
    /// </summary>
    public int PointsPerMinute { get; set; } = 100_000;

    /// <summary>Requests from the loopback address (local tools, benchmarks) are not limited. Set false behind a local reverse proxy.</summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>
    /// A request header set by a trusted reverse proxy that names the client's address (e.g. <c>X-Forwarded-For</c> or
    /// <c>X-Real-IP</c>); its last value is used, the one the proxy itself added. Null: the connection's address.
    /// Only name a header that the proxy always sets or overwrites: clients can send any header.
    /// </summary>
    public string? ClientHeader { get; set; }
}
