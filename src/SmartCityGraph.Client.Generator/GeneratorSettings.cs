namespace SmartCityGraph.Client.Generator;

/// <summary>
/// What the consumer's project configures: the client's name, the namespace to generate into, and whether
/// that namespace becomes a global using (with the project's implicit usings, as the package's own
/// namespaces do, so top-level statements see the client without a using).
/// </summary>
internal sealed record GeneratorSettings(string ClientName, string Namespace, bool GlobalUsing = false)
{
    public const string DefaultClientName = "SmartCityClient";

    public const string DefaultNamespace = "SmartCityGraph.Generated";

    /// <summary>
    /// Settings from MSBuild's SmartCityClientName, RootNamespace, ImplicitUsings and SmartCityClientImplicitUsings,
    /// falling back to the defaults.
    /// </summary>
    public static GeneratorSettings From(string? clientName, string? rootNamespace, string? implicitUsings = null, string? clientImplicitUsings = null) => new(
        string.IsNullOrWhiteSpace(clientName) ? DefaultClientName : clientName!.Trim(),
        string.IsNullOrWhiteSpace(rootNamespace) ? DefaultNamespace : rootNamespace!.Trim(),
        implicitUsings?.Trim().ToLowerInvariant() is "enable" or "true"
            && !string.Equals(clientImplicitUsings?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase));
}
