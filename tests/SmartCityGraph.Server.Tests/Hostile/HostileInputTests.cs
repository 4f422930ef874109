using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Hostile;

/// <summary>A freshly started server process against the whole hostile corpus, then the stored data is checked unchanged.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string CountQuery = "{ strategies { totalCount } phases { totalCount } events { totalCount } organisations { totalCount } pilots { totalCount } strategyElements { totalCount } participationStrands { totalCount } }";

    /// <summary>The server's time limit (Limits:Http:ExecutionTimeout, 10 s) and a margin for a busy machine.</summary>
    private static readonly TimeSpan AnsweredWithin = TimeSpan.FromSeconds(15);

    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_hostile_request_gets_a_coded_error_or_a_correct_answer_and_the_stored_data_is_unchanged()
    {
        var corpus = HostileCorpus.All().ToList();
        Assert.True(corpus.Count >= 300, $"the corpus has only {corpus.Count} requests");
        Assert.Equal(corpus.Count, corpus.Select(c => c.ToString()).Distinct().Count());
        var before = await FingerprintAsync();

        var failures = new List<string>();
        foreach (var hostile in corpus)
        {
            if (await CheckAsync(hostile) is { } failure)
                failures.Add($"{hostile}: {failure}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} requests went wrong:\n" + string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync());
        Assert.True((await _server.Http.GetAsync("/health")).IsSuccessStatusCode);
    }

    private async Task<string?> CheckAsync(HostileCase hostile)
    {
        using var request = hostile.ToRequest();
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await _server.Http.SendAsync(request);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"no answer after {clock.Elapsed.TotalSeconds:0.0} s ({e.GetType().Name}: {e.Message})";
        }
        using (response)
        {
            var elapsed = clock.Elapsed;
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var shown = body.Length > 300 ? body[..300] + "…" : body;
            if (status >= 500) return $"status {status}: {shown}";
            if (elapsed > AnsweredWithin) return $"answered after {elapsed.TotalSeconds:0.0} s";
            if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("SELECT ", StringComparison.Ordinal)) return "a stack trace or SQL in: " + shown;

            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement;
            }
            catch (JsonException)
            {
                return $"status {status} without a GraphQL response: {shown}";
            }

            var errors = json.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
            foreach (var error in errors)
            {
                if (!error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
                    return "an error without a message: " + shown;
                if (!error.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String)
                    return "an error without extensions.code: " + shown;
            }
            var codes = errors.Select(error => error.GetProperty("extensions").GetProperty("code").GetString()!).ToHashSet();
            var answered = status == 200 && errors.Count == 0 && json.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;

            var expect = hostile.Expect;
            if (answered && expect.Answer) return null;
            if (codes.Overlaps(expect.Codes) && (expect.Status is null || expect.Status == status || expect.Answer)) return null;
            return $"expected {expect}, got {status} {(codes.Count > 0 ? string.Join(",", codes) : "")}: {shown}";
        }
    }

    /// <summary>The counts of every kind and a hash of the whole graph's JSON export.</summary>
    private async Task<string> FingerprintAsync()
    {
        var counts = await _server.Http.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query = CountQuery }), Encoding.UTF8, "application/json"));
        var export = await _server.Http.GetByteArrayAsync("/export/kb.json");
        return await counts.Content.ReadAsStringAsync() + " " + Convert.ToHexString(SHA256.HashData(export));
    }
}
