using SmartCityGraph.Server.Export;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Commands;

/// <summary>
/// <c>export [--format graphml|gexf|csv|ics|jsonld|json] [--out FILE]</c>: the whole graph in one of the
/// <see cref="Exporters"/> (default <c>json</c>), to FILE or stdout; <c>csv</c> is a ZIP and needs <c>--out</c>.
/// Usage errors exit with 2.
/// </summary>
internal static class ExportCommand
{
    public const string Attribution =
        "Data: SmartCityGraph, compiled from the public Wissensspeicher of Berlin's Smart City strategy process " +
        "(CityLAB Berlin / Technologiestiftung Berlin for the Senatskanzlei) and the further sources cited per record.";

    public static string Usage =>
        $"usage: export [--format {Exporters.Names}] [--out FILE]   (default json to stdout; csv writes a .zip and needs --out)";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services)
    {
        if (!TryParse(args, out var exporter, out var outFile, out var problem))
        {
            await Console.Error.WriteLineAsync(problem);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        await services.PrepareDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var data = ExportData.Create(scope.ServiceProvider);
        if (outFile is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            await exporter.WriteAsync(stdout, data, CancellationToken.None);
            return 0;
        }

        // Written beside the target and moved into place, so a failed export never leaves half a file.
        var target = Path.GetFullPath(outFile);
        var partial = target + ".partial";
        try
        {
            await using (var file = File.Create(partial))
                await exporter.WriteAsync(file, data, CancellationToken.None);
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        await Console.Error.WriteLineAsync($"Wrote {exporter.Format} export to {target}.");
        return 0;
    }

    private static bool TryParse(string[] args, out IExporter exporter, out string? outFile, out string problem)
    {
        exporter = Exporters.Find("json")!;
        outFile = null;
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format":
                    if (i + 1 >= args.Length || Exporters.Find(args[i + 1]) is not { } found)
                    {
                        problem = i + 1 < args.Length ? $"export: unknown format '{args[i + 1]}'." : "export: --format needs a value.";
                        return false;
                    }
                    exporter = found;
                    i++;
                    break;
                case "--out":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        problem = "export: --out needs a file name.";
                        return false;
                    }
                    outFile = args[++i];
                    break;
                // Anything else is configuration (--urls, --Seed:Path=…), which the host reads.
            }
        }
        if (outFile is null && exporter is CsvZipExporter)
        {
            problem = "export: --format csv writes a ZIP (one CSV per kind and relations.csv); name it with --out FILE.zip.";
            return false;
        }
        return true;
    }
}
