namespace SmartCityGraph.GraphQL.DataLoading;

/// <summary>
/// The request's loaders, found by name. A resolver that asks for the same name (a field plus its
/// arguments) on many parents gets the same loader, so their keys share one fetch.
/// Register as a scoped service.
/// </summary>
public sealed class RequestLoaders
{
    private readonly Dictionary<string, object> loaders = new(StringComparer.Ordinal);

    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        TValue missing)
        where TKey : notnull
    {
        if (loaders.TryGetValue(name, out var existing)) return (BatchLoader<TKey, TValue>)existing;
        var loader = new BatchLoader<TKey, TValue>(fetch, missing);
        loaders[name] = loader;
        return loader;
    }
}
