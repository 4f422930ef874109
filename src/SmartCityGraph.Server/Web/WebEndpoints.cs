using Microsoft.AspNetCore.StaticFiles;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.Server.Web;

/// <summary>Wires the browser pages in: GraphiQL for a browser's GET /graphql, the explorer at /explorer, assets at /ui.</summary>
public static class WebEndpoints
{
    public static IServiceCollection AddWebPages(this IServiceCollection services)
    {
        services.AddSingleton<WebAssets>();
        services.Configure<GraphQLHttpOptions>(options => options.IdeHtmlProvider = context =>
            context.RequestServices.GetRequiredService<WebAssets>().ServePageAsync(context, WebAssets.IdePage));
        return services;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        var assets = app.Services.GetRequiredService<WebAssets>();
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".map"] = "application/json";
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = WebAssets.RequestPath,
            FileProvider = assets.Files,
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = file =>
            {
                // Vite puts a content hash in every asset name under assets/: such a file never changes.
                if (file.Context.Request.Path.StartsWithSegments(WebAssets.RequestPath + "/assets"))
                    file.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        app.MapGet("/explorer", (HttpContext context) => assets.ServePageAsync(context, WebAssets.ExplorerPage));
        return app;
    }
}
