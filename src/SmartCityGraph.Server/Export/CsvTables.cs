using System.Globalization;
using CsvHelper;
using SmartCityGraph.Data.Model;
using static SmartCityGraph.Server.Export.ExportText;

namespace SmartCityGraph.Server.Export;

/// <summary>One CSV file: a kind's entities (or the relations) with a fixed header.</summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Header, Func<ExportData, IAsyncEnumerable<string?[]>> Rows)
{
    public string FileName => Name + ".csv";
}

/// <summary>
/// The CSV files: one per kind (id = global id, key, title, titleDe, titleEn, summary, summaryDe, the kind's own fields, sources as
/// "title &lt;url&gt;; …") and relations.csv (type, role, both ends by global id, kind and title, sources).
/// Written with CsvHelper (RFC 4180), UTF-8 with a byte order mark so spreadsheets show umlauts.
/// </summary>
public static class CsvTables
{
    public const string MediaType = "text/csv; charset=utf-8";

    public static readonly IReadOnlyList<CsvTable> All =
    [
        Kind<Strategy>("strategies", ["adoptedOn", "url"], (s, _) => [Date(s.AdoptedOn), s.Url]),
        Kind<Phase>("phases", ["startDate", "endDate"], (p, _) => [Date(p.StartDate), Date(p.EndDate)]),
        Kind<Event>("events",
            ["startDate", "endDate", "category", "type", "status", "recordedStatus", "cancelled", "url", "titleKnown", "timelineRow"],
            (e, today) =>
            [
                Date(e.StartDate), Date(e.EndDate), Name(e.Category), Name(e.Type), Name(e.StatusOn(today)), Name(e.RecordedStatus),
                Bool(e.Cancelled), e.Url, Bool(e.TitleKnown), e.TimelineRow?.ToString(CultureInfo.InvariantCulture),
            ]),
        Kind<Organisation>("organisations", ["type", "abbreviation", "aliases", "url"], (o, _) => [Name(o.Type), o.Abbreviation, string.Join("; ", o.Aliases), o.Url]),
        Kind<Pilot>("pilots", ["seedTitle", "startDate", "endDate", "url"], (p, _) => [p.SeedTitle, Date(p.StartDate), Date(p.EndDate), p.Url]),
        Kind<StrategyElement>("strategy-elements", ["type"], (s, _) => [Name(s.Type)]),
        Kind<ParticipationStrand>("participation-strands", [], (_, _) => []),
        Kind<Document>("documents", ["url"], (d, _) => [d.Url]),
        Kind<Result>("results", ["type"], (r, _) => [Name(r.Type)]),
        Kind<Term>("terms", ["definition"], (t, _) => [t.Definition]),
        Kind<Collection>("collections", ["contentKnown", "columns"], (c, _) => [Bool(c.ContentKnown), string.Join("; ", c.Columns)]),
        Kind<Series>("series", ["type", "startDate", "endDate", "size", "sizeQualifier"],
            (s, _) => [Name(s.Type), Date(s.StartDate), Date(s.EndDate), s.Size?.ToString(CultureInfo.InvariantCulture), Name(s.SizeQualifier)]),
        new("relations",
            ["id", "type", "role", "fromId", "fromKind", "fromTitle", "toId", "toKind", "toTitle", "validFrom", "validTo", "sources"],
            data => data.Relations().Select(r => new string?[]
            {
                r.GlobalId, Name(r.Relation.Type), r.Relation.Role,
                r.From.GlobalId, Name(r.From.Kind), r.From.Title, r.To.GlobalId, Name(r.To.Kind), r.To.Title,
                Date(r.Relation.ValidFrom), Date(r.Relation.ValidTo), Sources(r.Relation.Sources),
            })),
    ];

    public static CsvTable? Find(string name) => All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes one table, header first; leaves <paramref name="output"/> open.</summary>
    public static async Task WriteAsync(Stream output, CsvTable table, ExportData data, CancellationToken ct)
    {
        // UTF-8 with a byte order mark: Excel reads umlauts right only with it.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync([.. table.Header], ct);
        await foreach (var row in table.Rows(data).WithCancellation(ct))
            await csv.WriteRecordAsync(row, ct);
        await csv.FlushAsync(ct);
    }

    private static CsvTable Kind<T>(string name, string[] fields, Func<T, DateOnly, string?[]> values) where T : Entity =>
        new(name, ["id", "key", "title", "titleDe", "titleEn", "summary", "summaryDe", .. fields, "sources"],
            data => data.OfKind<T>().Select(e => Row(e, values(e, data.Today))));

    private static string?[] Row(Entity e, string?[] own) => [e.GlobalId(), e.Key, e.Title, e.TitleDe, e.TitleEn, e.Summary, e.SummaryDe, .. own, Sources(e.Sources)];

    private static string Bool(bool value) => value ? "true" : "false";
}
