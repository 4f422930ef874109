using System.Collections;
using System.Linq.Expressions;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Filtering;

namespace SmartCityGraph.GraphQL.Sorting;

public enum SortDirection { Ascending, Descending }

/// <summary>
/// The fields a client may sort <typeparamref name="T"/> by, declared once; from it come the
/// <c>XSortInput</c> type and the <see cref="SortOrder{T}"/> an <c>order</c> argument means.
/// Every order ends with <paramref name="uniqueKey"/> (in the direction of the key before it), so paging stays stable.
/// </summary>
/// <param name="typeName">The GraphQL name of the sorted type, e.g. "Event" for EventSortInput.</param>
public sealed class SortableFields<T>(string typeName, string uniqueKeyName, Expression<Func<T, int>> uniqueKey)
{
    private readonly Dictionary<string, Func<bool, SortKey<T>>> _fields = [];
    private readonly List<string> _names = [];

    public string InputName => typeName + "SortInput";
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// A sortable value: strings, dates and integers, nullable or not (nulls sort first ascending).
    /// Enums are left out: a database storing them as text would order them by name, not as declared.
    /// </summary>
    public SortableFields<T> Field<TValue>(string name, Expression<Func<T, TValue>> value)
    {
        var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        if (type != typeof(string) && type != typeof(DateOnly) && type != typeof(int))
            throw new NotSupportedException($"Sorting by {type.Name} values is not supported.");
        // Both directions made once: a key compiles its value reader, which is too slow to do per request.
        var ascending = new SortKey<T, TValue>(name, value, descending: false);
        var descending = new SortKey<T, TValue>(name, value, descending: true);
        if (!_fields.TryAdd(name, isDescending => isDescending ? descending : ascending))
            throw new ArgumentException($"'{name}' is declared twice.");
        _names.Add(name);
        return this;
    }

    private readonly SortKey<T> _uniqueAscending = new SortKey<T, int>(uniqueKeyName, uniqueKey, descending: false);
    private readonly SortKey<T> _uniqueDescending = new SortKey<T, int>(uniqueKeyName, uniqueKey, descending: true);

    /// <summary>The default order: by the unique key, ascending.</summary>
    public SortOrder<T> Default => new([_uniqueAscending]);

    public InputObjectGraphType InputType(GeneratedTypes types)
    {
        var direction = SortEnumType(types);
        return types.GetOrAdd(InputName, () => new InputObjectGraphType(), type =>
        {
            type.Description = $"One sort key of {typeName} items: name exactly one field.";
            foreach (var name in _names) type.AddField(new FieldType { Name = name, ResolvedType = direction });
        });
    }

    /// <summary>The order a parsed <c>order</c> argument (a list of dictionaries, or null) stands for.</summary>
    public SortOrder<T> Order(object? argument)
    {
        var keys = new List<SortKey<T>>();
        foreach (var entry in (argument as IEnumerable)?.Cast<object?>() ?? [])
        {
            var given = (entry as IDictionary<string, object?>)?.Where(p => p.Value is not null).ToList() ?? [];
            if (given.Count != 1)
                throw GraphQLRequestException.InvalidInput($"Each {InputName} names exactly one field; this one names {given.Count}.");
            var (name, direction) = (given[0].Key, given[0].Value);
            if (!_fields.TryGetValue(name, out var make)) throw GraphQLRequestException.InvalidInput($"{InputName} has no field '{name}'.");
            if (keys.Any(k => k.Name == name)) throw GraphQLRequestException.InvalidInput($"'{name}' is sorted by twice.");
            keys.Add(make(direction is SortDirection.Descending));
        }
        // The unique tie-breaker runs the way the last key runs: then one index on (key, id), read
        // forwards or backwards, serves the whole order and a page stops after n rows instead of sorting.
        var tieDescending = keys.Count > 0 && keys[^1].Descending;
        keys.Add(tieDescending ? _uniqueDescending : _uniqueAscending);
        return new SortOrder<T>(keys);
    }

    private static EnumerationGraphType SortEnumType(GeneratedTypes types) =>
        types.GetOrAdd("SortEnumType", () => new EnumerationGraphType(), type =>
        {
            type.Description = "A sort direction.";
            type.Add("ASC", SortDirection.Ascending, "Smallest first (no value first).");
            type.Add("DESC", SortDirection.Descending, "Largest first (no value last).");
        });
}
