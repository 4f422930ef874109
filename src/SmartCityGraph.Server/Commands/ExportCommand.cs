using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Commands;

/// <summary>
/// <c>export [--out FILE]</c>: the whole graph as one JSON document (entities with their sources,
/// relations by global id), for archiving and diffing. Further formats come with the export feature.
/// </summary>
internal static class ExportCommand
{
    public const string Attribution =
        "Data: SmartCityGraph, compiled from the public Wissensspeicher of Berlin's Smart City strategy process " +
        "(CityLAB Berlin / Technologiestiftung Berlin for the Senatskanzlei) and the further sources cited per record.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        await services.PrepareDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmartCityDbContext>();
        var entities = await db.Entities.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var ids = entities.ToDictionary(e => e.Id, e => GlobalId.Encode(e.Kind.ToString(), e.Key));
        var relations = await db.Relations.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var document = new
        {
            attribution = Attribution,
            entities = entities.Select(e => new { id = ids[e.Id], entity = (object)e }),
            relations = relations.Select(r => new { from = ids[r.FromId], to = ids[r.ToId], relation = r }),
        };

        var outIndex = Array.IndexOf(args, "--out");
        await using var output = outIndex >= 0 && outIndex + 1 < args.Length ? File.Create(args[outIndex + 1]) : Console.OpenStandardOutput();
        await JsonSerializer.SerializeAsync(output, document, Json);
        return 0;
    }
}
