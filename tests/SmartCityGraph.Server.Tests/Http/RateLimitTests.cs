using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Http;

/// <summary>Each client spends its operations' cost from a budget of points; past it, 429 with RATE_LIMITED and Retry-After.</summary>
public sealed class RateLimitTests
{
    private const string TwentyEvents = "{ events(first: 20) { nodes { title } } }"; // cost 21

    private static async Task<(int Status, HttpResponseMessage Response, JsonObject Json)> PostAsync(HttpClient http, string query, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return ((int)response.StatusCode, response, json);
    }

    private static long Header(HttpResponseMessage response, string name) => long.Parse(response.Headers.GetValues(name).Single());

    private static string? Code(JsonObject json) => json["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    [Fact]
    public async Task Requests_spend_their_cost_and_the_one_that_does_not_fit_is_refused_with_429_and_retry_after()
    {
        using var factory = new BudgetFactory(pointsPerMinute: 60);
        var http = factory.CreateClient();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, first, _) = await PostAsync(http, TwentyEvents);
        var refilled = (long)Math.Ceiling(clock.Elapsed.TotalSeconds); // 1 point a second comes back meanwhile
        Assert.Equal(200, status);
        Assert.Equal(60, Header(first, "RateLimit-Limit"));
        Assert.InRange(Header(first, "RateLimit-Remaining"), 39, 39 + refilled);
        Assert.InRange(Header(first, "RateLimit-Reset"), 1, 21);

        // 51 points needed, about 40 left: refused unless 11 more seconds passed.
        var (refusedStatus, refused, json) = await PostAsync(http, "{ events(first: 50) { nodes { title } } }");
        Assert.Equal(429, refusedStatus);
        Assert.Equal("RATE_LIMITED", Code(json));
        Assert.Null(json["data"]); // refused before it executed
        Assert.InRange(Header(refused, "Retry-After"), 1, 15);
        Assert.True(Header(refused, "RateLimit-Remaining") < 51);
    }

    [Fact]
    public async Task A_client_with_no_points_left_is_refused_before_its_request_is_read_and_others_are_not()
    {
        using var factory = new BudgetFactory(pointsPerMinute: 5, clientHeader: "X-Forwarded-For");
        var http = factory.CreateClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal(200, (await PostAsync(http, "{ __typename }", forwardedFor: "203.0.113.7")).Status); // at least 1 point each
        var (status, response, json) = await PostAsync(http, "{ __typename }", forwardedFor: "198.51.100.1, 203.0.113.7"); // the proxy's value is the last

        Assert.Equal(429, status);
        Assert.Equal("RATE_LIMITED", Code(json));
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal(0, Header(response, "RateLimit-Remaining"));
        Assert.Equal(200, (await PostAsync(http, "{ __typename }", forwardedFor: "203.0.113.8")).Status);
    }

    [Fact]
    public async Task A_document_refused_for_its_syntax_still_spends_a_point()
    {
        using var factory = new BudgetFactory(pointsPerMinute: 100);
        var http = factory.CreateClient();

        var (status, response, _) = await PostAsync(http, "{ events {");

        Assert.Equal(400, status);
        Assert.Equal(100, Header(response, "RateLimit-Remaining")); // written before the point is spent at the end
        var (_, next, _) = await PostAsync(http, "{ __typename }");
        Assert.InRange(Header(next, "RateLimit-Remaining"), 98, 99);
    }

    [Fact]
    public async Task With_rate_limiting_disabled_no_budget_headers_are_sent()
    {
        using var factory = new ServerFactory();
        var (status, response, _) = await PostAsync(factory.CreateClient(), TwentyEvents);

        Assert.Equal(200, status);
        Assert.False(response.Headers.Contains("RateLimit-Limit"));
    }

    private sealed class BudgetFactory(int pointsPerMinute, string? clientHeader = null) : ServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Enabled", "true");
            builder.UseSetting("RateLimiting:PointsPerMinute", pointsPerMinute.ToString());
            if (clientHeader is not null) builder.UseSetting("RateLimiting:ClientHeader", clientHeader);
        }
    }
}
