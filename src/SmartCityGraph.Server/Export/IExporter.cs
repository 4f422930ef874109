namespace SmartCityGraph.Server.Export;

/// <summary>One export format: what it is called, how it is served and how it is written.</summary>
public interface IExporter
{
    /// <summary>The name <c>export --format</c> takes, e.g. <c>graphml</c>.</summary>
    string Format { get; }

    /// <summary>The Content-Type it is served with.</summary>
    string MediaType { get; }

    /// <summary>The file name extension, without the dot (e.g. <c>graphml</c>, <c>csv.zip</c>).</summary>
    string FileExtension { get; }

    /// <summary>Writes the whole export to <paramref name="output"/> (asynchronously, so it can be an HTTP response body).</summary>
    Task WriteAsync(Stream output, ExportData data, CancellationToken ct);
}
