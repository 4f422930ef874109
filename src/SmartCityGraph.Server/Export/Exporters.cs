namespace SmartCityGraph.Server.Export;

/// <summary>Every export format, by the name <c>export --format</c> takes.</summary>
public static class Exporters
{
    public static readonly IReadOnlyList<IExporter> All =
        [new GraphMlExporter(), new GexfExporter(), new CsvZipExporter(), new IcsExporter(), new JsonLdExporter(), new JsonExporter()];

    public static IExporter? Find(string? format) =>
        All.FirstOrDefault(e => e.Format.Equals(format, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join("|", All.Select(e => e.Format));
}
