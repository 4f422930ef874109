using System.Diagnostics;

namespace SmartCityGraph.Server.Tests.Infrastructure;

/// <summary>
/// The built server as these tests start it in a process of its own: <c>dotnet SmartCityGraph.Server.dll</c> of the tests'
/// build configuration, in Production, over a data folder, with both output streams redirected.
/// </summary>
internal static class ServerExecutable
{
    /// <summary>src/SmartCityGraph.Server/bin/{configuration}/{tfm}/SmartCityGraph.Server.dll, as built beside these tests.</summary>
    public static string DllPath()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Testing.RepositoryRoot.Path, "src", "SmartCityGraph.Server", "bin", tfm.Parent!.Name, tfm.Name, "SmartCityGraph.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first.", dll);
    }

    /// <summary>
    /// How to start it over <paramref name="dataDirectory"/> with <paramref name="arguments"/> (a verb, or <c>--urls</c>) and
    /// <paramref name="environment"/> (variable names such as <c>Auth__SigningKey</c>; an empty value removes one).
    /// </summary>
    public static ProcessStartInfo StartInfo(string dataDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DllPath());
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return start;
    }
}
