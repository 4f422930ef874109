using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace SmartCityGraph.GraphQL.Documents;

/// <summary>
/// Parsed documents that passed validation, keyed by their exact text, within the bounds of
/// <see cref="DocumentCacheOptions"/>; when one is exceeded the least recently used tenth goes. Thread-safe.
/// </summary>
/// <remarks>
/// A client sends the same few documents again and again (with other variables), so a busy server would
/// otherwise parse and validate the same text on every request. Only documents that validated are added
/// (by <see cref="DocumentCacheExecution"/>), so a hit may skip the validation rules that depend on the
/// document alone; any text that is not in the cache is parsed and validated as usual.
/// </remarks>
public sealed class ValidatedDocumentCache(DocumentCacheOptions options)
{
    private sealed class Entry(GraphQLDocument document, long lastUsed)
    {
        public GraphQLDocument Document { get; } = document;
        public long LastUsed = lastUsed;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _clock;
    private long _characters;

    public DocumentCacheOptions Options => options;

    public int Count => _entries.Count;

    public long Characters => Interlocked.Read(ref _characters);

    public bool TryGet(string text, out GraphQLDocument document)
    {
        if (_entries.TryGetValue(text, out var entry))
        {
            entry.LastUsed = Interlocked.Increment(ref _clock);
            document = entry.Document;
            return true;
        }
        document = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="document"/>, the validated parse of <paramref name="text"/>, if it is short enough.</summary>
    public void Add(string text, GraphQLDocument document)
    {
        if (options.MaxDocuments <= 0 || text.Length > options.MaxDocumentCharacters)
            return;
        if (!_entries.TryAdd(text, new Entry(document, Interlocked.Increment(ref _clock))))
            return;
        if (Interlocked.Add(ref _characters, text.Length) > options.MaxTotalCharacters || _entries.Count > options.MaxDocuments)
            Evict();
    }

    private bool Within(double share) =>
        _entries.Count <= options.MaxDocuments * share && Interlocked.Read(ref _characters) <= options.MaxTotalCharacters * share;

    /// <summary>Removes the least recently used entries until both bounds have a tenth to spare.</summary>
    private void Evict()
    {
        lock (_evicting)
        {
            if (Within(1.0))
                return; // another thread made room
            foreach (var (text, _) in _entries.ToArray().OrderBy(e => e.Value.LastUsed))
            {
                if (Within(0.9))
                    break;
                if (_entries.TryRemove(text, out _))
                    Interlocked.Add(ref _characters, -text.Length);
            }
        }
    }
}
