using GraphQL.DataLoader;

namespace SmartCityGraph.GraphQL.DataLoading;

/// <summary>
/// Collects the keys that resolvers ask for while GraphQL.NET walks one level of the query, then
/// fetches them all with one call the first time any of their results is awaited. Values are
/// cached per key for the rest of the request (loaders are request-scoped).
/// </summary>
/// <remarks>Not thread-safe by design: queries run with the serial execution strategy, because a
/// request's DbContext is not thread-safe either.</remarks>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing)
    where TKey : notnull
{
    private readonly Dictionary<TKey, Batch> batchOfKey = new();
    private Batch? open;

    /// <summary>Number of fetches run so far (for tests and diagnostics).</summary>
    public int FetchCount { get; private set; }

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        if (!batchOfKey.TryGetValue(key, out var batch))
        {
            batch = open ??= new Batch();
            batch.Keys.Add(key);
            batchOfKey[key] = batch;
        }
        return new Pending(this, batch, key);
    }

    /// <summary>Whether a fetch (or <see cref="Prime"/>) has already answered <paramref name="key"/>, so loading it costs none.</summary>
    public bool Knows(TKey key) => batchOfKey.TryGetValue(key, out var batch) && batch.Values is { IsCompletedSuccessfully: true };

    /// <summary>
    /// Makes values already read elsewhere in the request the answers for their keys (when a key is not
    /// known yet), so asking for them later runs no fetch: e.g. entities a walk loaded, asked for again as
    /// the ends of its relations.
    /// </summary>
    public void Prime(IEnumerable<KeyValuePair<TKey, TValue>> values)
    {
        Dictionary<TKey, TValue>? known = null;
        foreach (var (key, value) in values)
            if (!batchOfKey.ContainsKey(key)) (known ??= [])[key] = value;
        if (known is null) return;
        var batch = new Batch { Values = Task.FromResult<IReadOnlyDictionary<TKey, TValue>>(known) };
        foreach (var key in known.Keys)
        {
            batch.Keys.Add(key);
            batchOfKey[key] = batch;
        }
    }

    private async Task<TValue> ResultAsync(Batch batch, TKey key, CancellationToken ct)
    {
        if (batch.Values is null)
        {
            if (ReferenceEquals(open, batch)) open = null; // keys asked for from now on start a new batch
            FetchCount++;
            batch.Values = fetch(batch.Keys, ct);
        }
        var values = await batch.Values.ConfigureAwait(false);
        return values.TryGetValue(key, out var value) ? value : missing;
    }

    private sealed class Batch
    {
        public List<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Values { get; set; }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue>
    {
        public Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResultAsync(batch, key, cancellationToken);
        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
