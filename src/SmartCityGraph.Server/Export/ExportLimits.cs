using System.Globalization;
using System.Threading.RateLimiting;

namespace SmartCityGraph.Server.Export;

/// <summary><c>Limits:Exports</c>: how many exports are written at once, and how many more may wait for a turn.</summary>
public sealed class ExportLimitOptions
{
    /// <summary>Exports being written at the same time (each reads the whole graph: about a second of CPU at 10k entities).</summary>
    public int Concurrent { get; set; } = 2;

    /// <summary>
    /// Further requests that wait, first come first served (a waiting request holds only its connection, so a crowd of
    /// readers is served in turn rather than refused); beyond them a request is refused with 429.
    /// </summary>
    public int Queue { get; set; } = 512;

    /// <summary>What a refused request is told to wait before it asks again (<c>Retry-After</c>).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps exports from taking every core: a whole-graph export is the most expensive thing an anonymous caller can ask
/// for, and it is outside the GraphQL cost budget. The framework's <see cref="ConcurrencyLimiter"/> does the counting.
/// </summary>
public sealed class ExportLimiter : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public ExportLimiter(ExportLimitOptions options)
    {
        if (options.Concurrent < 1) throw new ArgumentOutOfRangeException(nameof(options), "Limits:Exports:Concurrent must be at least 1.");
        if (options.Queue < 0) throw new ArgumentOutOfRangeException(nameof(options), "Limits:Exports:Queue must not be negative.");
        Options = options;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Concurrent,
            QueueLimit = options.Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public ExportLimitOptions Options { get; }

    /// <summary>A turn to write an export (waits in the queue); not acquired when the queue is full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken ct) => _limiter.AcquireAsync(1, ct);

    /// <summary>The 429 answer for a request that found the queue full.</summary>
    public async Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(Options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(
            $"Too many exports at once ({Options.Concurrent} being written, {Options.Queue} waiting). Try again in a few seconds.",
            http.RequestAborted);
    }

    public void Dispose() => _limiter.Dispose();
}

public static class ExportRegistration
{
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Limits:Exports").Get<ExportLimitOptions>() ?? new ExportLimitOptions());
        services.AddSingleton<ExportLimiter>();
        return services;
    }
}
