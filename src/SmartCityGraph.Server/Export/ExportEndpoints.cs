using System.Globalization;
using Microsoft.Net.Http.Headers;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.Server.AsOf;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// <c>GET /export/{name}</c>: kb.graphml, kb.gexf, kb.jsonld, kb.json, events.ics (subscribable), kb.csv.zip
/// and {table}.csv (strategies, phases, events, organisations, pilots, strategy-elements,
/// participation-strands, relations), streamed with their media type, a file name and the attribution in
/// <c>X-Attribution</c> and <c>X-Data-Set-Version</c>; any other name is 404. <c>?asOf=</c> exports the graph as it stood at
/// that instant (<c>X-Revision</c> names the revision). At most <c>Limits:Exports:Concurrent</c> are written at once
/// (<see cref="ExportLimiter"/>).
/// </summary>
public static class ExportEndpoints
{
    public static readonly IReadOnlyDictionary<string, IExporter> Files = new Dictionary<string, IExporter>(StringComparer.OrdinalIgnoreCase)
    {
        ["kb.graphml"] = Exporters.Find("graphml")!,
        ["kb.gexf"] = Exporters.Find("gexf")!,
        ["kb.jsonld"] = Exporters.Find("jsonld")!,
        ["kb.json"] = Exporters.Find("json")!,
        ["events.ics"] = Exporters.Find("ics")!,
        ["kb.csv.zip"] = Exporters.Find("csv")!,
    };

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/export/{name}", ServeAsync);
        return endpoints;
    }

    private static async Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }

    private static async Task ServeAsync(string name, HttpContext http)
    {
        var ct = http.RequestAborted;
        var table = name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? CsvTables.Find(name[..^4]) : null;
        var exporter = Files.GetValueOrDefault(name);
        if (table is null && exporter is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(
                $"No export named '{name}'. Try: {string.Join(", ", Files.Keys.Concat(CsvTables.All.Select(t => t.FileName)))}.", ct);
            return;
        }

        // Limits:Exports: a few exports are written at once, a few more wait their turn, the rest are refused with 429.
        var limiter = http.RequestServices.GetRequiredService<ExportLimiter>();
        using var turn = await limiter.AcquireAsync(ct);
        if (!turn.IsAcquired)
        {
            await limiter.RefuseAsync(http);
            return;
        }

        ReplicaReadRouting.MarkReadOnly(http); // an export only reads: the replica may serve it
        // ?asOf=<ISO-8601 instant>: the graph as it stood then (the same exporters, reading a past state).
        var services = http.RequestServices;
        if (http.Request.Query.TryGetValue("asOf", out var asOfText))
        {
            if (!DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var asOf))
            {
                await PlainAsync(http, StatusCodes.Status400BadRequest, $"asOf '{asOfText}' is not an ISO-8601 instant such as 2026-11-26T12:00:00Z.");
                return;
            }
            try
            {
                var scope = await services.GetRequiredService<AsOfScopes>().OpenAsync(asOf, services, ct);
                http.Response.Headers["X-Revision"] = scope.Revision.ToString(CultureInfo.InvariantCulture);
                services = scope.Services;
            }
            catch (GraphQLRequestException e)
            {
                await PlainAsync(http, StatusCodes.Status400BadRequest, e.Message);
                return;
            }
        }

        var data = ExportData.Create(services);
        var response = http.Response;
        response.ContentType = table is not null ? CsvTables.MediaType : exporter!.MediaType;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"smartcitygraph-{name.ToLowerInvariant()}",
        }.ToString();
        response.Headers["X-Attribution"] = ExportData.Attribution;
        response.Headers["X-Data-Set-Version"] = data.DataSetVersion;

        if (table is not null)
        {
            await CsvTables.WriteAsync(response.Body, table, data, ct);
        }
        else if (exporter is CsvZipExporter)
        {
            // System.IO.Compression writes synchronously, which a response body refuses: build the ZIP in a temporary file.
            await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await exporter.WriteAsync(buffer, data, ct);
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(response.Body, ct);
        }
        else
        {
            await exporter!.WriteAsync(response.Body, data, ct);
        }
    }
}
