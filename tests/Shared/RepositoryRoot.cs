namespace SmartCityGraph.Testing;

/// <summary>
/// The clone's root folder (the one holding SmartCityGraph.sln), found from the running test's
/// output folder; linked into each test project that reads repository files (seed, schema, tools).
/// </summary>
internal static class RepositoryRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SmartCityGraph.sln"))) return directory.FullName;
        throw new InvalidOperationException("Run from a built clone: no SmartCityGraph.sln above " + AppContext.BaseDirectory);
    }
}
