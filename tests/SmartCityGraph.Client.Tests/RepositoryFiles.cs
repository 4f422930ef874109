namespace SmartCityGraph.Client.Tests;

/// <summary>The repository's schema and shared operations, found from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static readonly string Root = Testing.RepositoryRoot.Path;

    public static string Schema => Path.Combine(Root, "schema", "schema.graphql");

    public static IEnumerable<string> Operations =>
        Directory.GetFiles(Path.Combine(Root, "schema", "operations"), "*.graphql").Order(StringComparer.Ordinal);
}
