namespace SmartCityGraph.GraphQL.Documents;

/// <summary>Bounds of <see cref="ValidatedDocumentCache"/>: it never holds more than either limit.</summary>
public sealed class DocumentCacheOptions
{
    /// <summary>Most documents kept (0 turns the cache off).</summary>
    public int MaxDocuments { get; set; } = 1_000;

    /// <summary>Most characters of document text kept, all documents together (the parsed trees take a small multiple).</summary>
    public long MaxTotalCharacters { get; set; } = 4_000_000;

    /// <summary>A longer document is never kept (it would push out many ordinary ones).</summary>
    public int MaxDocumentCharacters { get; set; } = 64_000;
}
