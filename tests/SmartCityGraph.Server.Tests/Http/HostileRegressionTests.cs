using System.Text;
using System.Text.Json;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Http;

/// <summary>Regressions found by the hostile corpus (Hostile/), each pinned on its own.</summary>
public sealed class HostileRegressionTests(SeededSqliteServer server) : IClassFixture<SeededSqliteServer>
{
    private const string Pilots = "query($w: PilotFilterInput) { pilots(where: $w) { totalCount } }";

    private static object OrList(int n) => new { w = new { or = Enumerable.Range(0, n).Select(i => new { title = new { eq = "t" + i } }).Append(new { title = new { eq = "Smart Water" } }).ToArray() } };

    [Fact]
    public async Task An_or_list_of_300_alternatives_is_answered()
    {
        // Was INTERNAL_SERVER_ERROR from 100 on: the ORs nested one inside the other past SQLite's expression depth.
        var answer = await server.Http.PostGraphQLAsync(Pilots, OrList(300));

        Assert.Equal(1, answer.AssertNoErrors().Data["pilots"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_or_list_of_10000_alternatives_is_refused_as_invalid_input()
    {
        // Was a crash of the whole process (a stack overflow while translating the nested ORs).
        var answer = await server.Http.PostGraphQLAsync(Pilots, OrList(10_000));

        Assert.Equal(["INVALID_INPUT"], answer.ErrorCodes);
        Assert.Equal(200, (int)(await server.Http.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("{\"query\":\"query($q: String!) { search(query: $q) { totalCount } }\",\"variables\":{\"q\":\"a\\udc00b\"}}", 400, "BAD_REQUEST")]
    [InlineData("{\"query\":\"{ search(query: \\\"\\ud800\\\") { totalCount } }\"}", 400, "BAD_REQUEST")]
    [InlineData("{\"query\":\"{ pilots(where: { title: { eq: \\\"\\\\uDBFF\\\" } }) { totalCount } }\"}", 400, "GRAPHQL_PARSE_FAILED")]
    public async Task Half_a_surrogate_pair_is_refused_with_a_code(string body, int status, string code)
    {
        // Was a 500 with an empty body (JSON escape) or an INTERNAL_SERVER_ERROR from SQLite (GraphQL escape).
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");

        using var response = await server.Http.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_in_a_variable_is_a_bad_request()
    {
        byte[] body = [.. "{\"query\":\"query($q: String!) { search(query: $q) { totalCount } }\",\"variables\":{\"q\":\""u8.ToArray(), 0xED, 0xA0, 0x80, .. "\"}}"u8.ToArray()];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        using var response = await server.Http.PostAsync("/graphql", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("BAD_REQUEST", await response.Content.ReadAsStringAsync());
    }
}
