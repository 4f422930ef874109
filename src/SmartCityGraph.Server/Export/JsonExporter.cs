using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// <c>json</c>: the whole graph as one JSON document (entities with every field and their sources,
/// relations by global id), for archiving and diffing; streamed as it is read.
/// </summary>
public sealed class JsonExporter : IExporter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Format => "json";
    public string MediaType => "application/json";
    public string FileExtension => "json";

    public Task WriteAsync(Stream output, ExportData data, CancellationToken ct)
    {
        var document = new
        {
            attribution = ExportData.Attribution,
            licence = ExportData.LicenceNote,
            citation = data.Citation,
            dataSetVersion = data.DataSetVersion,
            entities = data.Entities().Select(e => new { id = e.GlobalId(), entity = (object)e }),
            relations = data.Relations().Select(r => new { id = r.GlobalId, from = r.From.GlobalId, to = r.To.GlobalId, relation = r.Relation }),
        };
        return JsonSerializer.SerializeAsync(output, document, Json, ct);
    }
}
