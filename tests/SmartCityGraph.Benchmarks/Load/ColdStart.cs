using System.Diagnostics;
using System.Net.Http.Json;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>
/// The time from starting the server process to its first GraphQL answer: once on an empty data directory
/// (it creates the database and imports the seed), then on the same database again (a restart).
/// </summary>
internal static class ColdStart
{
    private const string FirstQuery = "{ events(first: 1) { nodes { id title } } }";

    public static async Task<IReadOnlyList<(string Start, TimeSpan FirstAnswer, TimeSpan Cpu)>> MeasureAsync(string serverDll, string cacheDirectory, int restarts)
    {
        var directory = Path.Combine(cacheDirectory, $"cold-start-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var launch = new ServerLaunch(serverDll, directory, DefaultConfiguration: true, Path.Combine(directory, "server.log"));
            var (firstTime, firstCpu) = await FirstAnswerAsync(launch);
            var results = new List<(string, TimeSpan, TimeSpan)> { ("empty data directory (creates the database, imports the seed)", firstTime, firstCpu) };
            for (var i = 1; i <= restarts; i++)
            {
                var (time, cpu) = await FirstAnswerAsync(launch);
                results.Add(($"restart {i} on that database", time, cpu));
            }
            return results;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Wall time to the first answer, and the server's CPU time by then (robust to a busy machine).</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> FirstAnswerAsync(ServerLaunch launch)
    {
        await using var server = RunningServer.Start(launch);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (server.HasExited) throw new InvalidOperationException("The server exited while starting; see " + launch.LogFile);
            try
            {
                using var response = await http.PostAsJsonAsync("graphql", new { query = FirstQuery });
                if (response.IsSuccessStatusCode)
                {
                    var at = DateTime.UtcNow - server.StartedAt;
                    var cpu = ProcessStats.CpuTime(server.ProcessId);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (ResponseCheck.GraphQLError(body) is { } error) throw new InvalidOperationException($"The first answer was an error: {error}");
                    return (at, cpu);
                }
            }
            catch (HttpRequestException) { } // not listening yet
            await Task.Delay(5);
        }
        throw new TimeoutException("No answer within 2 minutes of starting the server.");
    }
}
