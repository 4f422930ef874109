namespace SmartCityGraph.Client.Generator;

/// <summary>What the consumer's project configures: the client's name and the namespace to generate into.</summary>
internal sealed record GeneratorSettings(string ClientName, string Namespace)
{
    public const string DefaultClientName = "SmartCityClient";

    public const string DefaultNamespace = "SmartCityGraph.Generated";

    /// <summary>Settings from MSBuild's SmartCityClientName and RootNamespace, falling back to the defaults.</summary>
    public static GeneratorSettings From(string? clientName, string? rootNamespace) => new(
        string.IsNullOrWhiteSpace(clientName) ? DefaultClientName : clientName!.Trim(),
        string.IsNullOrWhiteSpace(rootNamespace) ? DefaultNamespace : rootNamespace!.Trim());
}
