namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// The folder the host reads <c>appsettings.json</c> from. ASP.NET Core takes the working directory, so a
/// server started from any other folder (<c>dotnet run --project src/…</c> from the clone's root, a service
/// starting the dll) ran without its settings: every request logged at Information, for one.
/// </summary>
internal static class ContentRoot
{
    /// <summary>
    /// The folder the server was built or published to (where <c>appsettings.json</c> is copied), unless
    /// <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c> chooses one: then null,
    /// which leaves the choice to the host (and to test hosts, which pass their own).
    /// </summary>
    public static string? For(string[] args)
    {
        var chosen = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return string.IsNullOrEmpty(chosen) ? AppContext.BaseDirectory : null;
    }
}
