using System.IO.Compression;
using CsvHelper;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>The CSVs read back with CsvHelper: a row per entity or relation, ids, titles and sources.</summary>
public abstract class CsvExportTests(ExportFixture fixture)
{
    [SkippableTheory]
    [InlineData("strategies"), InlineData("phases"), InlineData("events"), InlineData("organisations"), InlineData("pilots"),
     InlineData("strategy-elements", "strategyElements"), InlineData("participation-strands", "participationStrands"),
     InlineData("documents"), InlineData("results"), InlineData("terms"), InlineData("collections"), InlineData("series")]
    public async Task A_kind_CSV_has_a_row_per_entity(string file, string? connection = null)
    {
        var response = await fixture.GetAsync($"/export/{file}.csv", "text/csv");
        var (header, rows) = Read(await response.Content.ReadAsStreamAsync());
        Assert.Equal<string>(["id", "key", "title", "titleDe", "titleEn", "summary", "summaryDe"], header.Take(7));
        Assert.Equal("sources", header[^1]);
        Assert.Equal(fixture.TotalCounts[connection ?? file], rows.Count);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["sources"])));
    }

    [SkippableFact]
    public async Task The_ZIP_has_a_README_and_a_CSV_per_kind_and_for_the_relations()
    {
        var response = await fixture.GetAsync("/export/kb.csv.zip", "application/zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal<string>(
            ["README.txt", "strategies.csv", "phases.csv", "events.csv", "organisations.csv", "pilots.csv",
             "strategy-elements.csv", "participation-strands.csv", "documents.csv", "results.csv", "terms.csv", "collections.csv",
             "series.csv", "relations.csv"],
            zip.Entries.Select(e => e.FullName));

        using (var readme = new StreamReader(zip.GetEntry("README.txt")!.Open()))
        {
            var text = await readme.ReadToEndAsync();
            Assert.Contains("Data: SmartCityGraph", text);
            Assert.Contains("Licence:", text);
        }
        var (_, events) = Read(zip.GetEntry("events.csv")!.Open());
        Assert.Equal(fixture.TotalCounts["events"], events.Count);
        var (header, relations) = Read(zip.GetEntry("relations.csv")!.Open());
        Assert.Contains("role", header);
        Assert.Equal(fixture.Relations, relations.Count);
        Assert.Contains(relations, r => r["type"] == "FUNDS" && r["toTitle"] == "Smart Water");
    }

    [Fact]
    public async Task Titles_come_in_both_languages_where_the_sources_give_them()
    {
        var response = await fixture.GetAsync("/export/phases.csv", "text/csv");
        var (_, phases) = Read(await response.Content.ReadAsStreamAsync());
        var concept = phases.Single(p => p["key"] == "stufe-1-strategischer-rahmen");
        Assert.Equal(("Stufe 1: Strategischer Rahmen / Konzeptphase", "Concept phase"), (concept["title"], concept["titleEn"]));
        Assert.All(phases, p => Assert.Equal("", p["titleDe"])); // the phases' titles are German already

        var (_, series) = Read(await (await fixture.GetAsync("/export/series.csv", "text/csv")).Content.ReadAsStreamAsync());
        var workshops = series.Single(s => s["key"] == "zukunftswerkstaetten");
        Assert.Equal(("WORKSHOPS", "20", "MORE_THAN", ""), (workshops["type"], workshops["size"], workshops["sizeQualifier"], workshops["startDate"]));
    }

    private static (string[] Header, List<Dictionary<string, string>> Rows) Read(Stream stream)
    {
        using var csv = CsvReader.Create(stream, CsvReaderOptions.Default, leaveOpen: false);
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(header.ToDictionary(h => h, h => csv.GetString(h)));
        return (header, rows);
    }
}

public sealed class CsvExportTestsOnSqlite(SqliteExportFixture fixture) : CsvExportTests(fixture), IClassFixture<SqliteExportFixture>;

public sealed class CsvExportTestsOnPostgres(PostgresExportFixture fixture) : CsvExportTests(fixture), IClassFixture<PostgresExportFixture>;
