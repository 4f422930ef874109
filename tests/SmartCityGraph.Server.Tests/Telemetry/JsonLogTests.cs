using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Telemetry;

/// <summary>
/// The built server with <c>Logging:Console:FormatterName=json</c>, as an operator would run it behind a log collector:
/// its console output is read line by line, as the collector would.
/// </summary>
public sealed class JsonLogTests : IAsyncLifetime
{
    private const string Secret = "variable-value-7f3a";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(null,
        "--Logging:Console:FormatterName=json",
        "--Logging:LogLevel:Default=Information",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Debug"); // SQL asked for: it must come at Debug

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task One_json_line_per_request_at_information_with_its_fields_sql_only_at_debug_and_never_the_variables()
    {
        var body = JsonSerializer.Serialize(new
        {
            query = "query FindIt($q: String!) { search(query: $q, first: 1) { totalCount } }",
            variables = new { q = Secret },
        });
        var response = await _server.Http.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)response.StatusCode);

        var request = await EventuallyAsync(() => JsonLines().FirstOrDefault(l => l["EventId"]?.ToString() == "1" && (string?)l["State"]?["OperationName"] == "FindIt"));
        Assert.Equal("Information", (string?)request["LogLevel"]);
        Assert.Equal("SmartCityGraph.GraphQL.Telemetry.GraphQLTelemetryInterceptor", (string?)request["Category"]);
        var state = request["State"]!;
        Assert.Equal("query", (string?)state["OperationType"]);
        Assert.Equal("200", state["StatusCode"]!.ToString());
        Assert.True(double.Parse(state["ElapsedMilliseconds"]!.ToString(), CultureInfo.InvariantCulture) > 0);
        Assert.True(int.Parse(state["Cost"]!.ToString(), CultureInfo.InvariantCulture) > 0);

        var lines = JsonLines();
        Assert.Equal(1, lines.Count(l => (string?)l["State"]?["OperationName"] == "FindIt")); // one line per request
        var sql = lines.Where(l => (string?)l["Category"] == "Microsoft.EntityFrameworkCore.Database.Command").ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, l => Assert.Equal("Debug", (string?)l["LogLevel"]));
        Assert.DoesNotContain(lines, l => (string?)l["LogLevel"] is not ("Debug" or "Trace") && l.ToJsonString().Contains(Secret));
    }

    /// <summary>Every JSON line the server wrote so far (the one plain "listening on" line is not a log entry).</summary>
    private List<JsonNode> JsonLines() =>
        _server.Output.Split('\n')
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonNode.Parse(line)!)
            .ToList();

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("Not seen within 10 s.");
    }
}
