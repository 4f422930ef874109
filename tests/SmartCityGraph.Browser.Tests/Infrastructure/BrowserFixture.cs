using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SmartCityGraph.Browser.Tests.Infrastructure;

/// <summary>
/// One server and one headless Chromium (Debian's /usr/bin/chromium; Playwright's own browsers are never
/// downloaded) shared by the browser tests. Without Chromium the tests skip locally and FAIL when CI=true.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserServer Server { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IBrowser? Browser { get; private set; }

    /// <summary>Why the browser tests cannot run here (null when they can).</summary>
    public string? Unavailable { get; private set; }

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        BaseAddress = Server.Start();
        Http = new HttpClient { BaseAddress = BaseAddress };

        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium); the browser tests need it.";
            if (OnCi) throw new InvalidOperationException(Unavailable + " On CI (CI=true) a missing browser is a failure, not a skip.");
            return;
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        // Playwright starts Chromium on a fresh, temporary --user-data-dir of its own and removes it afterwards.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>
    /// A page in a context of its own (no local storage shared with other tests: GraphiQL remembers tabs and
    /// panels there) on a laptop-sized screen, recording every request it makes. The browser's language is
    /// British English unless <paramref name="locale"/> says otherwise (the pages follow it).
    /// </summary>
    public async Task<BrowserPage> OpenAsync(string path, Func<IPage, Task>? beforeNavigation = null, string locale = "en-GB")
    {
        Skip.If(Unavailable is not null, Unavailable);
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            AcceptDownloads = true,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        var recorded = new BrowserPage(page, BaseAddress);
        if (beforeNavigation is not null) await beforeNavigation(page);
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        return recorded;
    }

    /// <summary>Posts a query to the same server, as any client would.</summary>
    public async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables });
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (json["errors"] is JsonArray { Count: > 0 } errors) throw new InvalidOperationException("GraphQL errors: " + errors.ToJsonString());
        return json["data"]!;
    }

    /// <summary>A token the server accepts (it is configured with <see cref="BrowserServer.SigningKey"/>), as the `token` verb mints one.</summary>
    public static string Token(string name, string role) => SmartCityGraph.Server.SignIn.TokenIssuer.Issue(
        new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(BrowserServer.SigningKey)), name, role, TimeSpan.FromHours(1));

    /// <summary>Runs a mutation signed in with <paramref name="token"/>; throws on errors.</summary>
    public async Task<JsonNode> MutateAsync(string token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (json["errors"] is JsonArray { Count: > 0 } errors) throw new InvalidOperationException("GraphQL errors: " + errors.ToJsonString());
        return json["data"]!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>A page plus what it asked for and complained about, so tests can prove nothing left the machine.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _requests = [];
    private readonly List<string> _consoleErrors = [];

    public BrowserPage(IPage page, Uri origin)
    {
        Page = page;
        Origin = origin;
        page.Request += (_, request) => { lock (_requests) _requests.Add(request.Url); };
        page.Console += (_, message) => { if (message.Type == "error") lock (_consoleErrors) _consoleErrors.Add(message.Text); };
        page.PageError += (_, error) => { lock (_consoleErrors) _consoleErrors.Add("page error: " + error); };
    }

    public IPage Page { get; }
    public Uri Origin { get; }

    public IReadOnlyList<string> Requests { get { lock (_requests) return [.. _requests]; } }
    public IReadOnlyList<string> ConsoleErrors { get { lock (_consoleErrors) return [.. _consoleErrors]; } }

    /// <summary>Every request went to the server itself (or stayed inside the page: data: and blob: URLs).</summary>
    public void AssertNoRequestLeftTheMachine()
    {
        var foreign = Requests.Where(url => !url.StartsWith(Origin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                                            && !url.StartsWith("data:", StringComparison.Ordinal)
                                            && !url.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, "Requests left the machine: " + string.Join(", ", foreign));
    }

    /// <summary>Saves a screenshot under the test output folder (bin/…/screenshots) and answers its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        return path;
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
