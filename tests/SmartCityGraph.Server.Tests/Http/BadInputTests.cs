using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Http;

/// <summary>
/// Every kind of bad request gets a clear GraphQL error with a code and the status the
/// GraphQL-over-HTTP spec gives; the server stays up and the stored data does not change.
/// </summary>
public abstract class BadInputTests(SeededServer server)
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string CountQuery = "{ events { totalCount } organisations { totalCount } pilots { totalCount } phases { totalCount } strategies { totalCount } }";

    private async Task<(int Status, string? MediaType, JsonObject Json)> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponse));
        using var response = await server.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body); // never a stack trace
        Assert.DoesNotContain("SELECT", body);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(body)!.AsObject());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Code(JsonObject json) => json["errors"]![0]!["extensions"]!["code"].Text();

    public static TheoryData<string, string, int, string> BadPosts => new()
    {
        { "malformed JSON", "{\"query\": ", 400, "BAD_REQUEST" },
        { "no query", "{\"variables\": {}}", 400, "BAD_REQUEST" },
        { "unparsable document", "{\"query\": \"{ events { \"}", 400, "GRAPHQL_PARSE_FAILED" },
        { "unknown field", "{\"query\": \"{ nope }\"}", 400, "GRAPHQL_VALIDATION_FAILED" },
        { "unknown operation name", "{\"query\": \"query A { events { totalCount } }\", \"operationName\": \"B\"}", 400, "GRAPHQL_VALIDATION_FAILED" },
        { "variable of the wrong type", "{\"query\": \"query($n: Int) { events(first: $n) { totalCount } }\", \"variables\": {\"n\": \"ten\"}}", 400, "GRAPHQL_VALIDATION_FAILED" },
        { "a batch", "[{\"query\": \"{ events { totalCount } }\"}]", 400, "BAD_REQUEST" },
        // Regression: a document nested deeper than the parser allows was an INTERNAL_SERVER_ERROR.
        { "a document nested 200 levels deep", "{\"query\": \"{ events(where: " + string.Concat(Enumerable.Repeat("{ and: [", 200))
            + "{ timelineRow: { eq: 1 } }" + string.Concat(Enumerable.Repeat("] }", 200)) + ") { totalCount } }\"}", 400, "GRAPHQL_PARSE_FAILED" },
        { "variables nested 100 levels deep", "{\"query\": \"query($w: EventFilterInput) { events(where: $w) { totalCount } }\", \"variables\": {\"w\": "
            + string.Concat(Enumerable.Repeat("{\"and\": [", 100)) + "{}" + string.Concat(Enumerable.Repeat("]}", 100)) + "}}", 400, "BAD_REQUEST" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadPosts))]
    public async Task A_bad_post_is_refused_with_a_code(string why, string body, int status, string code)
    {
        var (actualStatus, mediaType, json) = await SendAsync(HttpMethod.Post, "/graphql", Json(body));

        Assert.True(status == actualStatus, $"{why}: status {actualStatus}");
        Assert.Equal(GraphQLResponse, mediaType);
        Assert.Equal(code, Code(json));
    }

    [SkippableFact]
    public async Task A_wrong_content_type_is_415()
    {
        var (status, _, json) = await SendAsync(HttpMethod.Post, "/graphql", new StringContent("query=%7Bevents%7BtotalCount%7D%7D", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(415, status);
        Assert.NotNull(json["errors"]![0]!["extensions"]!["code"]);
    }

    [SkippableFact]
    public async Task A_10_MB_body_is_413()
    {
        var huge = "{\"query\": \"{ events { totalCount } }\", \"variables\": {\"pad\": \"" + new string('x', 10 * 1024 * 1024) + "\"}}";

        var (status, _, json) = await SendAsync(HttpMethod.Post, "/graphql", Json(huge));

        Assert.Equal(413, status);
        Assert.Equal("PAYLOAD_TOO_LARGE", Code(json));
    }

    [SkippableFact]
    public async Task A_mutation_over_GET_is_405()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { noop }"));
        Assert.Equal(405, status);
    }

    [SkippableFact]
    public async Task A_40_level_nested_query_is_refused_for_its_depth()
    {
        var query = new StringBuilder("{ phases(first: 1) { nodes { ");
        for (var i = 0; i < 40; i++) query.Append("parent { ");
        query.Append("title");
        query.Append(string.Concat(Enumerable.Repeat(" }", 40))).Append(" } } }");

        var answer = await server.Http.PostGraphQLAsync(query.ToString());

        Assert.Equal(400, answer.Status);
        Assert.Contains("DEPTH_LIMIT_EXCEEDED", answer.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_query_that_could_return_millions_is_refused_before_it_runs()
    {
        var answer = await server.Http.PostGraphQLAsync(
            "{ organisations(first: 100) { nodes { events(first: 100) { nodes { organisers { events(first: 100) { nodes { title } } } } } } } }");

        Assert.Equal(400, answer.Status);
        Assert.Contains("COST_LIMIT_EXCEEDED", answer.ErrorCodes);
        Assert.Equal(0, answer.Json["extensions"]?["sqlStatements"]?.GetValue<int>() ?? 0);
    }

    [SkippableFact]
    public async Task Cost_report_header_returns_the_computed_cost()
    {
        var answer = await server.Http.PostGraphQLAsync("{ events(first: 20) { nodes { title } } }",
            headers: new Dictionary<string, string> { ["GraphQL-Cost"] = "report" });

        var cost = answer.AssertNoErrors().Json["extensions"]!["cost"]!;
        Assert.Equal(21, cost["cost"]!.GetValue<int>());
        Assert.True(cost["maxCost"]!.GetValue<int>() > 21);
    }

    [SkippableFact]
    public async Task No_bad_request_changes_the_stored_data()
    {
        var before = (await server.Http.PostGraphQLAsync(CountQuery)).AssertNoErrors().Data.ToJsonString();
        foreach (var row in BadPosts) await SendAsync(HttpMethod.Post, "/graphql", Json((string)row[1]));
        await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { noop }"));

        var after = (await server.Http.PostGraphQLAsync(CountQuery)).AssertNoErrors().Data.ToJsonString();

        Assert.Equal(before, after);
        Assert.Equal(200, (int)(await server.Http.GetAsync("/health")).StatusCode);
    }
}

public sealed class BadInputTestsOnSqlite(SeededSqliteServer server) : BadInputTests(server), IClassFixture<SeededSqliteServer>;

public sealed class BadInputTestsOnPostgres(SeededPostgresServer server) : BadInputTests(server), IClassFixture<SeededPostgresServer>;
