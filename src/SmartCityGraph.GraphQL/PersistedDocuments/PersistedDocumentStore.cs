using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartCityGraph.GraphQL.PersistedDocuments;

/// <summary>
/// The trusted documents: every <c>*.json</c> manifest of a folder, each an object of <c>"sha256:&lt;hex&gt;": "document"</c>
/// entries as the typed clients' builds write them. Loaded once at start-up; an entry whose id is not the SHA-256 of
/// its document's UTF-8 text is skipped with a warning (a client sending that id would not get what it means).
/// </summary>
public sealed class PersistedDocumentStore
{
    public const string Prefix = "sha256:";

    private readonly FrozenDictionary<string, string> _documents;

    public PersistedDocumentStore(IReadOnlyDictionary<string, string> documents) =>
        _documents = documents.ToFrozenDictionary(StringComparer.Ordinal);

    public int Count => _documents.Count;

    /// <summary>The document with <paramref name="documentId"/> (<c>sha256:&lt;hex&gt;</c>), if the store holds it.</summary>
    public bool TryGet(string documentId, out string document) => _documents.TryGetValue(documentId, out document!);

    /// <summary>The text a request runs: its query, else the stored document its <c>documentId</c> names (null when neither).</summary>
    public static string? TextOf(IServiceProvider services, string? query, string? documentId) =>
        query ?? (documentId is not null && services.GetService<PersistedDocumentStore>() is { } store && store.TryGet(documentId, out var text) ? text : null);

    /// <summary>The id of <paramref name="document"/>: <c>sha256:</c> and the lower-case hex SHA-256 of its UTF-8 text.</summary>
    public static string IdOf(string document) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>Reads every manifest in <paramref name="folder"/> (none when it does not exist).</summary>
    public static PersistedDocumentStore Load(string folder, ILogger logger)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            logger.LogInformation("No persisted documents: the folder {Folder} does not exist.", folder);
            return new PersistedDocumentStore(documents);
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var entry in json.RootElement.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String || IdOf(entry.Value.GetString()!) != entry.Name)
                {
                    logger.LogWarning("Persisted document {Id} in {File} is skipped: its id is not the SHA-256 of its text.", entry.Name, file);
                    continue;
                }
                documents[entry.Name] = entry.Value.GetString()!;
            }
        }
        logger.LogInformation("Loaded {Count} persisted documents from {Folder}.", documents.Count, folder);
        return new PersistedDocumentStore(documents);
    }
}
