namespace SmartCityGraph.Data.Tests;

internal static class SeedLocation
{
    /// <summary>The repository's seed/ folder, found from the test's output folder.</summary>
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SmartCityGraph.sln"))) return Path.Combine(dir.FullName, "seed");
            throw new InvalidOperationException("The repository root (SmartCityGraph.sln) was not found above " + AppContext.BaseDirectory);
        }
    }
}
