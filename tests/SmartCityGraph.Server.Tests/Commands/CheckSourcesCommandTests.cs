using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Server.Commands;

namespace SmartCityGraph.Server.Tests.Commands;

/// <summary>The verb <c>check-sources</c>: what in the seed rests only on notes that cite no original source.</summary>
public sealed class CheckSourcesCommandTests
{
    private static readonly string Seed = Path.Combine(Hosting.StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "seed");

    [Fact]
    public void Lists_every_uncited_fact_of_the_seed_and_counts_them()
    {
        var output = new StringWriter();

        Assert.Equal(0, CommandLine.CheckSources(Seed, output));

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var facts = SeedSourceAudit.UncitedOnly(Seed);
        Assert.NotEmpty(facts);
        Assert.Equal(facts.Select(f => f.ToString()), lines[1..^1]);
        Assert.Contains("Organisation:hiig  HIIG", lines);
        var relations = facts.Count(f => f.Reference.Contains(' '));
        Assert.Equal($"{facts.Count - relations} entities and {relations} relations.", lines[^1]);
    }

    [Fact]
    public void A_seed_the_importer_refuses_is_reported_as_such()
    {
        var directory = Directory.CreateTempSubdirectory("check-sources").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "sources.json"), """{ "records": [ { "id": "s1" } ] }""");
            Assert.Throws<SeedValidationException>(() => CommandLine.CheckSources(directory, new StringWriter()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
