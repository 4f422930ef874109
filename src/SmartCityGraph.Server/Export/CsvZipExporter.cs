using System.IO.Compression;
using System.Text;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// <c>csv</c>: a ZIP with one CSV per kind, relations.csv and a README.txt with the citation, attribution,
/// licence note and the columns (CSV has no place for comments). The ZIP is written synchronously by
/// System.IO.Compression, so the HTTP endpoint writes it to a temporary file first.
/// </summary>
public sealed class CsvZipExporter : IExporter
{
    public string Format => "csv";
    public string MediaType => "application/zip";
    public string FileExtension => "csv.zip";

    public async Task WriteAsync(Stream output, ExportData data, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        await using (var readme = new StreamWriter(zip.CreateEntry("README.txt").Open(), new UTF8Encoding(false)))
            await readme.WriteAsync(Readme(data));
        foreach (var table in CsvTables.All)
        {
            await using var entry = zip.CreateEntry(table.FileName).Open();
            await CsvTables.WriteAsync(entry, table, data, ct);
        }
    }

    public static string Readme(ExportData data)
    {
        var text = new StringBuilder()
            .AppendLine("SmartCityGraph — CSV export")
            .AppendLine()
            .AppendLine("Cite as: " + data.Citation)
            .AppendLine(ExportData.Attribution)
            .AppendLine(ExportData.LicenceNote)
            .AppendLine($"Event statuses as of {ExportText.Date(data.Today)} (derived from the dates unless cancelled).")
            .AppendLine()
            .AppendLine("Files (UTF-8, comma-separated, RFC 4180; id is the entity's global id in the GraphQL API;")
            .AppendLine("sources are \"title <url>; …\"; enums as in the GraphQL schema):");
        foreach (var table in CsvTables.All)
            text.AppendLine($"  {table.FileName}: {string.Join(", ", table.Header)}");
        return text.ToString();
    }
}
