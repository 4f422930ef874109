using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Http;

/// <summary>
/// The browser pages the build produces (src/SmartCityGraph.Web/dist) are served: GraphiQL for a browser's
/// GET /graphql, the explorer at /explorer, their hashed assets under /ui/. (The browser tests drive them.)
/// </summary>
public abstract class WebPagesTests(SeededServer server)
{
    private async Task<HttpResponseMessage> GetAsync(string url, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        return await server.Http.SendAsync(request);
    }

    [SkippableFact]
    public async Task A_browsers_GET_graphql_gets_the_GraphiQL_page_with_a_same_origin_policy()
    {
        using var response = await GetAsync("/graphql", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"graphiql\"", html);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//"), html); // nothing from another origin
    }

    [SkippableFact]
    public async Task A_client_asking_for_JSON_still_gets_GraphQL_not_the_page()
    {
        using var response = await GetAsync("/graphql?query=%7B__typename%7D", "application/graphql-response+json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task The_explorer_and_its_assets_are_served()
    {
        using var page = await GetAsync("/explorer", "text/html");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"graph\"", html);

        var assets = Regex.Matches(html, "(?:src|href)=\"(/ui/assets/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var response = await server.Http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        }
        using var missing = await server.Http.GetAsync("/ui/assets/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

public sealed class WebPagesTestsOnSqlite(SeededSqliteServer server) : WebPagesTests(server), IClassFixture<SeededSqliteServer>;

public sealed class WebPagesTestsOnPostgres(SeededPostgresServer server) : WebPagesTests(server), IClassFixture<SeededPostgresServer>;
