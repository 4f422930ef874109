using SmartCityGraph.Data.Seeding;

namespace SmartCityGraph.Data.Tests.Seeding;

public sealed class SeedVersionTests
{
    [Fact]
    public void The_version_is_a_stable_hash_of_the_seed_files_that_any_change_alters()
    {
        var version = SeedVersion.Of(SeedLocation.Directory);
        Assert.Matches("^[0-9a-f]{12}$", version);
        Assert.Equal(version, SeedVersion.Of(SeedLocation.Directory));

        var copy = Directory.CreateTempSubdirectory("seed-version").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(SeedLocation.Directory, "*.json"))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            Assert.Equal(version, SeedVersion.Of(copy));
            File.AppendAllText(Path.Combine(copy, "pilots.json"), " ");
            Assert.NotEqual(version, SeedVersion.Of(copy));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
        Assert.Equal(SeedVersion.Unknown, SeedVersion.Of(Path.Combine(Path.GetTempPath(), "no-such-seed-folder")));
    }
}
