namespace SmartCityGraph.Client.Tests;

/// <summary>The repository's schema and shared operations, found from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static readonly string Root = FindRoot();

    public static string Schema => Path.Combine(Root, "schema", "schema.graphql");

    public static IEnumerable<string> Operations =>
        Directory.GetFiles(Path.Combine(Root, "schema", "operations"), "*.graphql").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartCityGraph.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with SmartCityGraph.sln) is not above " + AppContext.BaseDirectory);
    }
}
