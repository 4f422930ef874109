namespace SmartCityGraph.Data.Model;

/// <summary>
/// Provenance of one fact: where it was taken from and how. Stored inline with the entity or
/// relation it supports (a JSON column), because it is always read together with it.
/// </summary>
public sealed class Source
{
    public required string Title { get; set; }
    public string? Url { get; set; }
    public DateOnly? RetrievedOn { get; set; }
    public string? Publisher { get; set; }
    /// <summary>How the fact was taken from the source (matching, precision, caveats).</summary>
    public string? Note { get; set; }
}
