namespace SmartCityGraph.Data.Tests;

internal static class SeedLocation
{
    /// <summary>The repository's seed/ folder.</summary>
    public static string Directory => Path.Combine(Testing.RepositoryRoot.Path, "seed");
}
