using System.Diagnostics;
using System.Net;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>What one load run saw: per request its label and latency, and the failures by kind.</summary>
internal sealed record LoadRun(
    IReadOnlyList<string> Labels, int[] LabelOfRequest, double[] LatencyMilliseconds, IReadOnlyDictionary<string, int> Errors, TimeSpan Elapsed, long ResponseBytes)
{
    public int Requests => LatencyMilliseconds.Length;

    public int ErrorCount => Errors.Values.Sum();

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// Closed-loop load: <c>clients</c> workers, each on its own keep-alive connection, send a request, read
/// the whole answer, check it, and send the next, until the time is up (requests under way then finish and
/// count). Bodies are prepared once and answers read into a reused buffer, so the generator takes as little
/// of the shared CPUs as it can.
/// </summary>
internal sealed class LoadGenerator(HttpClient client)
{
    /// <summary>
    /// A client for <paramref name="baseAddress"/> with a connection per worker (up to <paramref name="maxClients"/>),
    /// kept between runs, so a measured run does not pay for connecting.
    /// </summary>
    public static HttpClient CreateClient(Uri baseAddress, int maxClients) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxClients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };

    /// <param name="requests">What may be sent.</param>
    /// <param name="pick">Which of <paramref name="requests"/> worker w sends as its i-th request.</param>
    public async Task<LoadRun> RunAsync(IReadOnlyList<LoadRequest> requests, Func<int, int, int> pick, int clients, TimeSpan duration, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(() => WorkerAsync(requests, i => pick(w, i), deadline, ct), ct)).ToArray();
        var results = await Task.WhenAll(workers);
        stopwatch.Stop();

        var count = results.Sum(r => r.Latencies.Count);
        var labels = new int[count];
        var latencies = new double[count];
        var errors = new Dictionary<string, int>();
        var k = 0;
        foreach (var result in results)
        {
            for (var i = 0; i < result.Latencies.Count; i++, k++)
            {
                labels[k] = result.Labels[i];
                latencies[k] = result.Latencies[i] * 1000.0 / Stopwatch.Frequency;
            }
            foreach (var (kind, n) in result.Errors) errors[kind] = errors.GetValueOrDefault(kind) + n;
        }
        return new LoadRun(requests.Select(r => r.Label).ToList(), labels, latencies, errors, stopwatch.Elapsed, results.Sum(r => r.Bytes));
    }

    private sealed class WorkerResult
    {
        public List<long> Latencies { get; } = new(4096);
        public List<int> Labels { get; } = new(4096);
        public Dictionary<string, int> Errors { get; } = [];
        public long Bytes { get; set; }
    }

    private async Task<WorkerResult> WorkerAsync(IReadOnlyList<LoadRequest> requests, Func<int, int> pick, long deadline, CancellationToken ct)
    {
        var result = new WorkerResult();
        var buffer = new byte[64 * 1024];
        // Every worker sends at least one request, so a zero duration times exactly one per worker.
        for (var i = 0; i == 0 || (Stopwatch.GetTimestamp() < deadline && !ct.IsCancellationRequested); i++)
        {
            var index = pick(i);
            var request = requests[index];
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using var message = request.ToMessage();
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                // GraphQL answers are kept whole to be checked; other bodies (exports) are only counted.
                var length = 0;
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
                {
                    total += read;
                    length += read;
                    if (length < buffer.Length) continue;
                    if (request.IsGraphQL) Array.Resize(ref buffer, buffer.Length * 2);
                    else length = 0;
                }
                result.Bytes += total;
                error = !response.IsSuccessStatusCode ? $"HTTP {(int)response.StatusCode}"
                    : request.IsGraphQL ? ResponseCheck.GraphQLError(buffer.AsSpan(0, length))
                    : total == 0 ? "empty body" : null;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                error = e is TaskCanceledException ? "client timeout" : e.GetType().Name;
            }
            result.Latencies.Add(Stopwatch.GetTimestamp() - started);
            result.Labels.Add(index);
            if (error is not null) result.Errors[$"{request.Label}: {error}"] = result.Errors.GetValueOrDefault($"{request.Label}: {error}") + 1;
        }
        return result;
    }
}
