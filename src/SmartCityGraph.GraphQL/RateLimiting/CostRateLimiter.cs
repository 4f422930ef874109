using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace SmartCityGraph.GraphQL.RateLimiting;

/// <summary>
/// One token bucket of cost points per client (System.Threading.RateLimiting), kept in this process's memory: behind
/// a load balancer each instance keeps its own budgets, so a client spread over N instances gets up to N budgets
/// (set <see cref="CostRateLimitOptions.PointsPerMinute"/> to the global budget divided by N, or route clients
/// stickily). Buckets of clients that went quiet are dropped once full again.
/// </summary>
public sealed class CostRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly double _pointsPerSecond;

    public CostRateLimiter(CostRateLimitOptions options)
    {
        if (options.PointsPerMinute < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "RateLimiting:PointsPerMinute must be at least 1.");
        Options = options;
        _pointsPerSecond = options.PointsPerMinute / 60.0;
        // Refill in steps of at least 100 ms (the partitioned limiter's timer) that add up to exactly PointsPerMinute a minute.
        var pointsPerStep = Math.Max(1, options.PointsPerMinute / 600);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.PointsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * pointsPerStep / options.PointsPerMinute,
            TokensPerPeriod = pointsPerStep,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _buckets = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket));
    }

    public CostRateLimitOptions Options { get; }

    /// <summary>The bucket a request spends from, or null when it is not limited (disabled, or loopback and exempt).</summary>
    public string? ClientOf(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (!Options.Enabled || (Options.ExemptLoopback && remote is not null && IPAddress.IsLoopback(remote)))
            return null;

        // A signed-in caller spends from their own budget wherever they connect from.
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var subject = context.User.FindFirst("sub")?.Value ?? context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? context.User.Identity.Name;
            if (!string.IsNullOrEmpty(subject))
                return "user:" + subject;
        }

        if (Options.ClientHeader is { Length: > 0 } header && context.Request.Headers[header].LastOrDefault() is { Length: > 0 } forwarded)
        {
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            if (last.Length > 0)
                return "address:" + last;
        }
        return "address:" + (remote?.ToString() ?? "unknown");
    }

    /// <summary>Whether the client has any points left (spends none).</summary>
    public bool HasPoints(string client, out TimeSpan retryAfter)
    {
        using var lease = _buckets.AttemptAcquire(client, 0);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : RetryAfter(lease, 1);
        return lease.IsAcquired;
    }

    /// <summary>Spends <paramref name="points"/> (at least 1, at most a full budget) if the client has them.</summary>
    public bool TrySpend(string client, long points, out TimeSpan retryAfter)
    {
        var permits = (int)Math.Clamp(points, 1, Options.PointsPerMinute);
        using var lease = _buckets.AttemptAcquire(client, permits);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : RetryAfter(lease, permits);
        return lease.IsAcquired;
    }

    /// <summary>The points the client has left now.</summary>
    public long Remaining(string client) => _buckets.GetStatistics(client)?.CurrentAvailablePermits ?? Options.PointsPerMinute;

    /// <summary>Seconds until the client's budget is full again (the <c>RateLimit-Reset</c> header).</summary>
    public int SecondsUntilFull(string client) =>
        (int)Math.Ceiling((Options.PointsPerMinute - Remaining(client)) / _pointsPerSecond);

    private TimeSpan RetryAfter(RateLimitLease lease, int permits) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(permits / _pointsPerSecond)));

    public void Dispose() => _buckets.Dispose();
}
