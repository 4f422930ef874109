using Microsoft.Extensions.FileProviders;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Web;

/// <summary>
/// The built browser pages (src/SmartCityGraph.Web, built by `npm run build` during the .NET build):
/// the GraphiQL IDE, the relationship explorer and their assets. Found at <c>Web:Root</c>, else the
/// repository's src/SmartCityGraph.Web/dist, else a <c>web/</c> folder beside the built server.
/// </summary>
public sealed class WebAssets
{
    /// <summary>Where the assets are served: the pages reference <c>/ui/assets/…</c> (Vite's <c>base</c>).</summary>
    public const string RequestPath = "/ui";

    public const string IdePage = "graphiql.html";
    public const string ExplorerPage = "explorer.html";

    /// <summary>
    /// The pages only ever talk to this server: scripts, styles, workers, fonts and fetches from the same
    /// origin (Monaco sets inline styles; cytoscape exports PNGs as data/blob URLs).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    public WebAssets(IConfiguration configuration, IHostEnvironment environment)
    {
        Root = Locate(configuration, environment);
        Files = Root is not null && Directory.Exists(Root) ? new PhysicalFileProvider(Root) : new NullFileProvider();
    }

    /// <summary>The dist folder, or null when none was found.</summary>
    public string? Root { get; }

    public IFileProvider Files { get; }

    public bool IsAvailable(string page) => Files.GetFileInfo(page).Exists;

    /// <summary>Writes a built page (HTML, never cached, with the content security policy) or a 404 that says what is missing.</summary>
    public async Task ServePageAsync(HttpContext context, string page)
    {
        var file = Files.GetFileInfo(page);
        var response = context.Response;
        if (!file.Exists)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(
                $"The browser pages are not built ({page} not found in {Root ?? "src/SmartCityGraph.Web/dist"}). " +
                "Build the server with Node.js 20+ on the PATH (the build runs `npm ci` and `npm run build` in src/SmartCityGraph.Web).",
                context.RequestAborted);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.SendFileAsync(file, context.RequestAborted);
    }

    private static string? Locate(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Web:Root"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        if (StoragePaths.RepositoryRoot(environment.ContentRootPath) is { } root)
            return Path.Combine(root, "src", "SmartCityGraph.Web", "dist");
        var beside = Path.Combine(AppContext.BaseDirectory, "web");
        return Directory.Exists(beside) ? beside : null;
    }
}
