using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartCityGraph.Benchmarks;

/// <summary>
/// Live updates under load: <c>subscribers [--count 1000] [--seconds 60]</c> starts the built server on a fresh
/// seeded database, opens <c>--count</c> WebSockets (graphql-transport-ws) each subscribed to
/// <c>entityChanged(kinds: [EVENT])</c>, then makes one <c>updateEvent</c> per second over HTTP for <c>--seconds</c>
/// and reports the delivery latency — from sending the mutation to each subscriber's receiving its event — and the
/// server's memory. The table goes to stdout.
/// </summary>
internal static class SubscriberBenchmark
{
    private const string SigningKey = "subscriber-benchmark-signing-key-of-32-bytes-or-more";
    private const string Subscription = "subscription { entityChanged(kinds: [EVENT]) { action revision { number } entity { id title version } } }";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var count = int.Parse(Option("--count") ?? "1000", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option("--seconds") ?? "60", CultureInfo.InvariantCulture);

        var dataDirectory = Directory.CreateTempSubdirectory("smartcitygraph-subscribers").FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["Auth__SigningKey"] = SigningKey };
            await using var server = await RunningServer.StartAsync(
                ServerLaunch.Harness(new BenchmarkDatabase.Target(dataDirectory, null)) with { Environment = environment }, TimeSpan.FromSeconds(120));
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var token = await MintTokenAsync(dataDirectory, environment);
            var (eventId, version) = await AnEventAsync(http);
            var idle = server.WorkingSet;

            Console.Error.WriteLine($"Opening {count} subscriptions ...");
            var clock = Stopwatch.StartNew();
            var sentAt = new ConcurrentDictionary<int, long>(); // revision number → when its mutation was sent (clock ticks)
            var latencies = new ConcurrentBag<double>();
            var received = new int[count];
            using var stop = new CancellationTokenSource();
            var sockets = new List<ClientWebSocket>();
            var readers = new List<Task>();
            for (var i = 0; i < count; i++)
            {
                var socket = await ConnectAsync(server.BaseAddress, stop.Token);
                sockets.Add(socket);
                var index = i;
                readers.Add(Task.Run(() => ReadAsync(socket, clock, sentAt, latencies, () => Interlocked.Increment(ref received[index]), stop.Token)));
            }
            await Task.Delay(TimeSpan.FromSeconds(2)); // the last subscriptions attach
            var subscribed = server.WorkingSet;

            var baseRevision = await LatestRevisionAsync(http);
            Console.Error.WriteLine($"Editing once a second for {seconds} s (from revision {baseRevision}) ...");
            var peakDuring = 0L;
            for (var edit = 1; edit <= seconds; edit++)
            {
                var tick = Stopwatch.StartNew();
                sentAt[baseRevision + edit] = clock.ElapsedTicks;
                version = await UpdateAsync(http, token, eventId, version, $"Benchmark edit {edit}");
                peakDuring = Math.Max(peakDuring, server.WorkingSet);
                var rest = TimeSpan.FromSeconds(1) - tick.Elapsed;
                if (rest > TimeSpan.Zero) await Task.Delay(rest);
            }
            await Task.Delay(TimeSpan.FromSeconds(5)); // stragglers
            var end = server.WorkingSet;
            stop.Cancel();
            foreach (var socket in sockets) socket.Abort();
            await Task.WhenAll(readers);

            var sorted = latencies.Order().ToArray();
            var expected = (long)count * seconds;
            double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            var table = new StringBuilder();
            table.AppendLine("| subscribers | edits | events delivered | p50 (ms) | p99 (ms) | max (ms) | server RSS idle → subscribed → peak during edits → end (MiB) |");
            table.AppendLine("|---:|---:|---:|---:|---:|---:|---|");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count:N0} | {seconds} | {sorted.Length:N0} of {expected:N0} | {Percentile(0.50):F1} | {Percentile(0.99):F1} | {(sorted.Length == 0 ? double.NaN : sorted[^1]):F1} | " +
                $"{Mib(idle)} → {Mib(subscribed)} → {Mib(Math.Max(peakDuring, end))} → {Mib(end)} (peak working set of the process: {Mib(server.PeakWorkingSet)}) |"));
            Console.WriteLine(table);
            var short_ = received.Count(r => r < seconds);
            if (short_ > 0) Console.Error.WriteLine($"{short_} subscribers received fewer than {seconds} events.");
            return sorted.Length == expected ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    private static string Mib(long bytes) => (bytes / 1024d / 1024d).ToString("F0", CultureInfo.InvariantCulture);

    private static async Task<ClientWebSocket> ConnectAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/graphql"), cancellationToken);
        await SendAsync(socket, new { type = "connection_init" }, cancellationToken);
        var ack = await ReceiveAsync(socket, new byte[4096], cancellationToken);
        if (ack?["type"]?.GetValue<string>() != "connection_ack") throw new InvalidOperationException("No connection_ack: " + ack?.ToJsonString());
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Subscription } }, cancellationToken);
        return socket;
    }

    private static async Task ReadAsync(ClientWebSocket socket, Stopwatch clock, ConcurrentDictionary<int, long> sentAt, ConcurrentBag<double> latencies,
        Action counted, CancellationToken stop)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var message = await ReceiveAsync(socket, buffer, stop);
                if (message is null) return;
                var now = clock.ElapsedTicks;
                if (message["type"]?.GetValue<string>() != "next") continue;
                var number = message["payload"]!["data"]!["entityChanged"]!["revision"]!["number"]!.GetValue<int>();
                if (sentAt.TryGetValue(number, out var sent))
                {
                    latencies.Add((now - sent) * 1000d / Stopwatch.Frequency);
                    counted();
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static Task SendAsync(WebSocket socket, object message, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private static async Task<JsonNode?> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (length == buffer.Length) throw new InvalidOperationException("A message larger than the benchmark's buffer.");
            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(buffer.AsSpan(0, length));
    }

    /// <summary>An editor's token from the server's own `token` verb, for the same signing key.</summary>
    private static async Task<string> MintTokenAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = ServerExecutable.StartInfo(ServerLaunch.Harness(new BenchmarkDatabase.Target(dataDirectory, null)) with { Environment = environment }, "token", "--role", "editor", "--name", "Benchmark");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var token = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return process.ExitCode == 0 && token is { Length: > 0 } ? token : throw new InvalidOperationException("The token verb failed: " + output);
    }

    private static async Task<(string Id, int Version)> AnEventAsync(HttpClient http)
    {
        var data = await PostAsync(http, null, "{ events(first: 1) { nodes { id version } } }", null);
        var node = data["events"]!["nodes"]![0]!;
        return (node["id"]!.GetValue<string>(), node["version"]!.GetValue<int>());
    }

    private static async Task<int> LatestRevisionAsync(HttpClient http) =>
        (await PostAsync(http, null, "{ latestRevision { number } }", null))["latestRevision"]!["number"]!.GetValue<int>();

    private static async Task<int> UpdateAsync(HttpClient http, string token, string id, int version, string title)
    {
        var data = await PostAsync(http, token, "mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { version } errors { __typename } } }",
            new { input = new { id, expectedVersion = version, title, sources = new[] { new { title = "Benchmark" } } } });
        return data["updateEvent"]!["event"]!["version"]!.GetValue<int>();
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string? token, string query, object? variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query, variables }) };
        if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (json["errors"] is JsonArray { Count: > 0 } errors) throw new InvalidOperationException("GraphQL errors: " + errors.ToJsonString());
        return json["data"]!;
    }
}
