using System.Xml.Linq;
using SmartCityGraph.Server.Commands;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>The <c>export</c> verb (run in-process on the test server's services) and the HTTP names.</summary>
public abstract class ExportCommandTests(ExportFixture fixture)
{
    [SkippableTheory]
    [InlineData("graphml"), InlineData("gexf"), InlineData("ics"), InlineData("jsonld"), InlineData("json"), InlineData("csv")]
    public async Task The_verb_writes_each_format_to_a_file(string format)
    {
        var file = Path.Combine(fixture.Server.Factory.DataDirectory, "export." + format);
        var exit = await CommandLine.RunAsync("export", ["--format", format, "--out", file], fixture.Server.Factory.Services);
        Assert.Equal(0, exit);
        Assert.True(new FileInfo(file).Length > 1000);
        Assert.False(File.Exists(file + ".partial"));
        if (format is "graphml" or "gexf") Assert.NotNull(XDocument.Load(file).Root);
    }

    [SkippableFact]
    public async Task The_verb_writes_what_the_endpoint_serves()
    {
        var file = Path.Combine(fixture.Server.Factory.DataDirectory, "same.graphml");
        Assert.Equal(0, await CommandLine.RunAsync("export", ["--format", "graphml", "--out", file], fixture.Server.Factory.Services));
        Assert.Equal(await fixture.Http.GetStringAsync("/export/kb.graphml"), await File.ReadAllTextAsync(file));
    }

    [SkippableTheory]
    [InlineData("--format pdf")]
    [InlineData("--format")]
    [InlineData("--format csv")]
    [InlineData("--format graphml --out")]
    public async Task Bad_usage_exits_with_2(string commandLine)
    {
        Assert.Equal(2, await CommandLine.RunAsync("export", commandLine.Split(' '), fixture.Server.Factory.Services));
    }

    [SkippableTheory]
    [InlineData("/export/kb.pdf")]
    [InlineData("/export/nothing.csv")]
    [InlineData("/export/events.graphml")]
    [InlineData("/export/")]
    public async Task Unknown_export_names_are_404(string path)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableTheory]
    [InlineData("/export/kb.graphml", "application/graphml+xml", "smartcitygraph-kb.graphml")]
    [InlineData("/export/kb.gexf", "application/gexf+xml", "smartcitygraph-kb.gexf")]
    [InlineData("/export/kb.jsonld", "application/ld+json", "smartcitygraph-kb.jsonld")]
    [InlineData("/export/kb.json", "application/json", "smartcitygraph-kb.json")]
    [InlineData("/export/events.ics", "text/calendar", "smartcitygraph-events.ics")]
    [InlineData("/export/kb.csv.zip", "application/zip", "smartcitygraph-kb.csv.zip")]
    [InlineData("/export/relations.csv", "text/csv", "smartcitygraph-relations.csv")]
    public async Task Each_export_has_its_media_type_file_name_and_data_set_version(string path, string mediaType, string fileName)
    {
        var response = await fixture.GetAsync(path, mediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Matches("^[0-9a-f]{12}$", response.Headers.GetValues("X-Data-Set-Version").Single());
    }
}

public sealed class ExportCommandTestsOnSqlite(SqliteExportFixture fixture) : ExportCommandTests(fixture), IClassFixture<SqliteExportFixture>;

public sealed class ExportCommandTestsOnPostgres(PostgresExportFixture fixture) : ExportCommandTests(fixture), IClassFixture<PostgresExportFixture>;
