using System.Linq.Expressions;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Paging;

namespace SmartCityGraph.GraphQL.Sorting;

/// <summary>
/// A total order of <typeparamref name="T"/>: the client's keys, then the unique key, so that no
/// two items tie and keyset paging neither skips nor repeats an item.
/// </summary>
public sealed class SortOrder<T>
{
    private readonly IReadOnlyList<SortKey<T>> _keys;

    public SortOrder(IReadOnlyList<SortKey<T>> keys)
    {
        if (keys.Count == 0) throw new ArgumentException("An order needs at least the unique key.", nameof(keys));
        _keys = keys;
    }

    public IReadOnlyList<SortKey<T>> Keys => _keys;

    /// <summary>Names this order inside cursor scopes; empty for the default order (unique key ascending), whose cursors predate sorting.</summary>
    public string Fingerprint => _fingerprint ??= _keys.Count == 1 && !_keys[0].Descending
        ? ""
        : "(" + string.Join(",", _keys.Select(k => k.Name + (k.Descending ? " DESC" : " ASC"))) + ")";

    private string? _fingerprint;

    /// <summary>All of <paramref name="source"/> in this order (for short, unpaged lists).</summary>
    public IOrderedQueryable<T> Sort(IQueryable<T> source)
    {
        var ordered = _keys[0].OrderBy(source, reversed: false);
        foreach (var key in _keys.Skip(1)) ordered = key.ThenBy(ordered, reversed: false);
        return ordered;
    }

    /// <summary>The rows of the page in its direction, plus one more to tell whether another page exists.</summary>
    public IQueryable<T> Window(IQueryable<T> source, PageRequest page)
    {
        var (seek, _, take) = WindowParts(page);
        if (seek is not null) source = source.Where(seek);
        var ordered = _keys[0].OrderBy(source, page.Backward);
        foreach (var key in _keys.Skip(1)) ordered = key.ThenBy(ordered, page.Backward);
        return ordered.Take(take);
    }

    /// <summary>
    /// What <see cref="Window"/> composes, for a reader that writes its own SQL: the cursors' seek (null on a first
    /// page), each key with its direction in the page's direction, and how many rows to read (one more than the page).
    /// </summary>
    public (Expression<Func<T, bool>>? Seek, IReadOnlyList<(LambdaExpression Key, bool Descending)> Keys, int Take) WindowParts(PageRequest page)
    {
        var seeks = new List<Expression<Func<T, bool>>>(2);
        if (page.After is { } after) seeks.Add(Seek(after, forward: true));
        if (page.Before is { } before) seeks.Add(Seek(before, forward: false));
        var keys = _keys.Select(k => (k.ValueExpression, k.Descending != page.Backward)).ToList();
        return (seeks.Count == 0 ? null : Filtering.QueryExpressions.And(seeks), keys, page.Size + 1);
    }

    /// <summary>
    /// This order in memory, for arranging rows SQL returned unordered; strings compare ordinally,
    /// as SQLite's default collation does.
    /// </summary>
    public IComparer<T> Comparer(bool reversed) => System.Collections.Generic.Comparer<T>.Create((a, b) =>
    {
        foreach (var key in _keys)
        {
            var result = key.Compare(a, b);
            if (result != 0) return key.Descending != reversed ? -result : result;
        }
        return 0;
    });

    public string CursorOf(T item, string scope) => Cursor.Encode(scope, ValuesOf(item));

    /// <summary>
    /// The item's sort key values, equal for two items exactly when their cursors are: what tells a repeated row
    /// from another item without making its cursor.
    /// </summary>
    public SortValues IdentityOf(T item) => new(ValuesOf(item));

    private object?[] ValuesOf(T item)
    {
        var values = new object?[_keys.Count];
        for (var i = 0; i < values.Length; i++) values[i] = _keys[i].ValueOf(item);
        return values;
    }

    /// <summary>
    /// Items after (or before) the cursor: (a beyond x) OR (a = x AND b beyond y) OR …, each key in its own direction.
    /// </summary>
    private Expression<Func<T, bool>> Seek(Cursor cursor, bool forward)
    {
        if (cursor.Values.Count != _keys.Count) throw GraphQLRequestException.InvalidInput("The cursor does not belong to this order.");
        var item = Expression.Parameter(typeof(T), "e");
        Expression? any = null;
        Expression? tiedSoFar = null;
        for (var i = 0; i < _keys.Count; i++)
        {
            var beyond = _keys[i].Beyond(item, cursor.Values[i], forward);
            var term = tiedSoFar is null ? beyond : Expression.AndAlso(tiedSoFar, beyond);
            any = any is null ? term : Expression.OrElse(any, term);
            var equal = _keys[i].Equal(item, cursor.Values[i]);
            tiedSoFar = tiedSoFar is null ? equal : Expression.AndAlso(tiedSoFar, equal);
        }
        return Expression.Lambda<Func<T, bool>>(any!, item);
    }
}

/// <summary>One item's sort key values, compared value by value.</summary>
public readonly struct SortValues(object?[] values) : IEquatable<SortValues>
{
    public bool Equals(SortValues other) => values.AsSpan().SequenceEqual(other.Values);

    private object?[] Values => values;

    public override bool Equals(object? obj) => obj is SortValues other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in values) hash.Add(value);
        return hash.ToHashCode();
    }
}
