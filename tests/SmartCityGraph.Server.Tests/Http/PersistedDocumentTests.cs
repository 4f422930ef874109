using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Http;

/// <summary>
/// {"documentId": "sha256:…"} runs a document from schema/persisted/ (written by the typed clients' builds);
/// with Security:TrustedDocumentsOnly anonymous callers may run nothing else, signed-in callers anything.
/// </summary>
public sealed class PersistedDocumentTests(PersistedDocumentTests.TrustedOnlyServer server) : IClassFixture<PersistedDocumentTests.TrustedOnlyServer>
{
    private static readonly Dictionary<string, string> Manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(
        File.ReadAllText(Path.Combine(SmartCityGraph.Server.Hosting.StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "schema", "persisted", "dotnet.json")))!;

    private static readonly string GetPilotsId = Manifest.Single(d => d.Value.StartsWith("query GetPilots", StringComparison.Ordinal)).Key;

    private async Task<(int Status, JsonObject Json)> SendAsync(HttpRequestMessage request, bool signedIn = false)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (signedIn) request.Headers.Authorization = new AuthenticationHeaderValue(TestSignIn.SchemeName, "editor-1");
        using var response = await server.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private Task<(int Status, JsonObject Json)> PostAsync(object body, bool signedIn = false) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(body) }, signedIn);

    private static string? Code(JsonObject json) => json["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    [Fact]
    public async Task A_persisted_document_runs_by_its_id_over_post_with_variables()
    {
        var (status, json) = await PostAsync(new { documentId = GetPilotsId, variables = new { first = 2 } });

        Assert.Equal(200, status);
        Assert.Equal(2, json["data"]!["pilots"]!["nodes"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_persisted_document_runs_by_its_id_over_get()
    {
        var url = "/graphql?documentId=" + Uri.EscapeDataString(GetPilotsId) + "&variables=" + Uri.EscapeDataString("{\"first\":1}");

        var (status, json) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        Assert.Equal(200, status);
        Assert.Single(json["data"]!["pilots"]!["nodes"]!.AsArray());
    }

    [Theory]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256:not-hex")]
    [InlineData("md5:abc")]
    public async Task An_unknown_id_is_persisted_document_not_found(string id)
    {
        var (status, json) = await PostAsync(new { documentId = id });

        Assert.Equal(400, status);
        Assert.Equal("PERSISTED_DOCUMENT_NOT_FOUND", Code(json));
    }

    [Fact]
    public async Task An_ad_hoc_document_from_an_anonymous_caller_is_refused()
    {
        var (status, json) = await PostAsync(new { query = "{ pilots { totalCount } }" });

        Assert.Equal(400, status);
        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", Code(json));
        Assert.Null(json["data"]);
    }

    [Fact]
    public async Task A_signed_in_caller_may_send_any_document()
    {
        var (status, json) = await PostAsync(new { query = "{ pilots { totalCount } }" }, signedIn: true);

        Assert.Equal(200, status);
        Assert.Equal(5, json["data"]!["pilots"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Both_a_query_and_a_document_id_is_a_bad_request()
    {
        var (status, json) = await PostAsync(new { query = "{ pilots { totalCount } }", documentId = GetPilotsId });

        Assert.Equal(400, status);
        Assert.Equal("BAD_REQUEST", Code(json));
    }

    [Fact]
    public void Every_committed_manifest_entry_is_the_sha256_of_its_document()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SmartCityGraph.Server.Hosting.StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "schema", "persisted"), "*.json"))
        foreach (var (id, document) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!)
            Assert.Equal(SmartCityGraph.GraphQL.PersistedDocuments.PersistedDocumentStore.IdOf(document), id);
    }

    public sealed class TrustedOnlyServer : IAsyncLifetime
    {
        private readonly Factory _factory = new();

        public HttpClient Http { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Http = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await _factory.DisposeAsync();

        private sealed class Factory : ServerFactory
        {
            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                base.ConfigureWebHost(builder);
                builder.UseSetting("Security:TrustedDocumentsOnly", "true");
                builder.ConfigureServices(services => services.AddAuthentication(TestSignIn.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, null));
            }
        }
    }

    /// <summary>Stands in for the bearer-token sign-in: "Authorization: Test NAME" signs NAME in.</summary>
    private sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith(SchemeName + " ", StringComparison.Ordinal))
                return Task.FromResult(AuthenticateResult.NoResult());
            var identity = new ClaimsIdentity([new Claim("sub", header[(SchemeName.Length + 1)..])], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
