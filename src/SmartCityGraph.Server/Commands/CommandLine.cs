using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Commands;

/// <summary>The verbs of the server executable.</summary>
internal static class CommandLine
{
    private static readonly string[] Verbs = ["print-schema", "import", "export", "generate", "check-sources", "token"];

    public static string? Verb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]) ? args[0] : null;

    /// <summary>Verbs write their product to stdout, so logs go to stderr and only warnings pass.</summary>
    public static void AddCommandLineLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
    }

    public static async Task<int> RunAsync(string verb, string[] args, IServiceProvider services)
    {
        try
        {
            switch (verb)
            {
                case "print-schema":
                    // Exactly what GET /graphql?sdl serves, so the two can be compared byte for byte.
                    Console.Out.Write(services.GetRequiredService<ISchema>().Print());
                    return 0;
                case "import":
                    return await ImportAsync(args, services);
                case "export":
                    return await ExportCommand.RunAsync(args, services);
                case "generate":
                    return await GenerateCommand.RunAsync(args, services);
                case "check-sources":
                    return await CheckSourcesAsync(args, services);
                case "token":
                    return await TokenCommand.RunAsync(args, services);
            }
        }
        catch (SeedValidationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        return 2;
    }

    /// <summary>
    /// Lists the seed's entities and relations that rest only on notes citing no original source, so they can
    /// be sourced. A listing, not a gate: it exits 0 whatever it finds (2 on a usage error).
    /// </summary>
    private static async Task<int> CheckSourcesAsync(string[] args, IServiceProvider services)
    {
        var directory = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
            ?? StoragePaths.SeedDirectory(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
        if (!Directory.Exists(directory))
        {
            await Console.Error.WriteLineAsync($"usage: check-sources [<seed directory>] (no folder {directory})");
            return 2;
        }
        return CheckSources(directory, Console.Out);
    }

    internal static int CheckSources(string directory, TextWriter output)
    {
        SeedReader.Read(directory); // a seed the importer refuses is reported as such, not audited
        var facts = SeedSourceAudit.UncitedOnly(directory);
        var relations = facts.Count(f => f.Reference.Contains(' ', StringComparison.Ordinal));
        output.WriteLine($"Resting only on notes that cite no original source ({Path.GetFullPath(directory)}):");
        foreach (var fact in facts) output.WriteLine(fact);
        output.WriteLine($"{facts.Count - relations} entities and {relations} relations.");
        return 0;
    }

    private static async Task<int> ImportAsync(string[] args, IServiceProvider services)
    {
        var directory = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (directory is null)
        {
            await Console.Error.WriteLineAsync("usage: import <seed directory>");
            return 2;
        }
        await services.MigrateDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(Path.GetFullPath(directory));
        Console.WriteLine($"Imported {directory} ({result.Entities} entities and {result.Relations} relations): {result.Changes} changes, recorded as IMPORT revisions.");
        return 0;
    }
}
