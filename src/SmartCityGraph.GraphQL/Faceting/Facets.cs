using System.Globalization;
using System.Linq.Expressions;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Faceting;

/// <summary>One bucket of a facet: a value (null: the item has none), a display label where the value is an id, and how many items fall in it.</summary>
public sealed record FacetValue(string? Value, string? Label, int Count);

/// <summary>The smallest and the largest value of a date over the items (null when no item has one).</summary>
public sealed record DateRange(DateOnly? Min, DateOnly? Max);

/// <summary>One facetable dimension of <typeparamref name="T"/>: counted with one GROUP BY statement over the filtered items.</summary>
public interface IFacet<T>
{
    string Name { get; }
    string Description { get; }

    /// <summary>The most buckets the facet returns (sizes the facet list in the cost model).</summary>
    int? MaxBuckets { get; }

    Task<IReadOnlyList<FacetValue>> CountAsync(IQueryable<T> source, IResolveFieldContext context, CancellationToken ct);
}

/// <summary>The grouped rows of a facet statement (a named type, so EF Core projects into it).</summary>
public sealed class FacetRow<TKey>
{
    public TKey Key { get; set; } = default!;
    public int Count { get; set; }
}

/// <summary>A relation facet's rows: the related item's value and label, and how many items it relates to.</summary>
public sealed class RelatedFacetRow
{
    public string? Value { get; set; }
    public string? Label { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// A single-valued facet: every item falls into exactly one bucket (the null bucket for items without
/// a value), so the counts add up to the connection's totalCount. Buckets come most frequent first.
/// </summary>
public sealed class ValueFacet<T, TKey>(
    string name, string description, Func<IResolveFieldContext, Expression<Func<T, TKey>>> key, int? maxBuckets) : IFacet<T>
{
    public string Name => name;
    public string Description => description;
    public int? MaxBuckets => maxBuckets;

    public async Task<IReadOnlyList<FacetValue>> CountAsync(IQueryable<T> source, IResolveFieldContext context, CancellationToken ct)
    {
        var rows = await source.GroupBy(key(context))
            .Select(g => new FacetRow<TKey> { Key = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return FacetFormat.MostFrequentFirst(rows);
    }
}

/// <summary>
/// A date bucketed by calendar month ("2021-03") or year ("2021"), chronologically, the null bucket
/// (no date) last. The bucket is computed in SQL (year × 100 + month), so one statement counts all.
/// </summary>
public sealed class DateBucketFacet<T>(string name, string description, Expression<Func<T, DateOnly?>> date, bool byMonth) : IFacet<T>
{
    private readonly Expression<Func<T, int?>> _bucket = Bucket(date, byMonth);

    public string Name => name;
    public string Description => description;
    public int? MaxBuckets => null;

    public async Task<IReadOnlyList<FacetValue>> CountAsync(IQueryable<T> source, IResolveFieldContext context, CancellationToken ct)
    {
        var rows = await source.GroupBy(_bucket)
            .Select(g => new FacetRow<int?> { Key = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows
            .OrderBy(r => r.Key is null).ThenBy(r => r.Key)
            .Select(r => new FacetValue(r.Key is { } k ? Format(k) : null, null, r.Count))];
    }

    private string Format(int bucket) => byMonth
        ? string.Create(CultureInfo.InvariantCulture, $"{bucket / 100:D4}-{bucket % 100:D2}")
        : bucket.ToString("D4", CultureInfo.InvariantCulture);

    private static Expression<Func<T, int?>> Bucket(Expression<Func<T, DateOnly?>> date, bool byMonth)
    {
        // A non-nullable date arrives wrapped in a conversion to DateOnly?: use it as it is, no null test.
        var nonNullable = date.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert && convert.Operand.Type == typeof(DateOnly)
            ? convert.Operand
            : null;
        var value = nonNullable ?? Expression.Property(date.Body, nameof(Nullable<DateOnly>.Value));
        Expression year = Expression.Property(value, nameof(DateOnly.Year));
        var bucket = byMonth
            ? Expression.Add(Expression.Multiply(year, Expression.Constant(100)), Expression.Property(value, nameof(DateOnly.Month)))
            : year;
        Expression body = Expression.Convert(bucket, typeof(int?));
        if (nonNullable is null)
            body = Expression.Condition(
                Expression.Equal(date.Body, Expression.Constant(null, typeof(DateOnly?))), Expression.Constant(null, typeof(int?)), body);
        return Expression.Lambda<Func<T, int?>>(body, date.Parameters);
    }
}

/// <summary>
/// A to-many relation: how many items each related item is linked to, e.g. events per organiser —
/// the top <paramref name="top"/> related items by count (ties by value). An item counts once under each
/// related item it has and not at all when it has none, so the counts need not add up to totalCount.
/// </summary>
public sealed class RelationFacet<T, TOther>(
    string name, string description,
    Expression<Func<T, IEnumerable<TOther>>> related,
    Expression<Func<TOther, int>> id,
    Expression<Func<TOther, string>> value,
    Expression<Func<TOther, string>> label,
    Func<string, string> formatValue,
    int top) : IFacet<T>
{
    private readonly Expression<Func<TOther, RelatedItem>> _item = Item(id, value, label);

    public string Name => name;
    public string Description => description;
    public int? MaxBuckets => top;

    public async Task<IReadOnlyList<FacetValue>> CountAsync(IQueryable<T> source, IResolveFieldContext context, CancellationToken ct)
    {
        // Flattened to plain columns first: EF Core then groups them like any projection.
        var rows = await source.SelectMany(related).Select(_item)
            .GroupBy(i => i.Id)
            .Select(g => new RelatedFacetRow { Value = g.Max(i => i.Value), Label = g.Max(i => i.Label), Count = g.Count() })
            .OrderByDescending(r => r.Count).ThenBy(r => r.Value)
            .Take(top)
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(r => new FacetValue(r.Value is null ? null : formatValue(r.Value), r.Label, r.Count))];
    }

    /// <summary>o => new RelatedItem { Id = id(o), Value = value(o), Label = label(o) }.</summary>
    private static Expression<Func<TOther, RelatedItem>> Item(
        Expression<Func<TOther, int>> id, Expression<Func<TOther, string>> value, Expression<Func<TOther, string>> label)
    {
        var item = Expression.Parameter(typeof(TOther), "o");
        MemberBinding Bind(string property, LambdaExpression part) =>
            Expression.Bind(typeof(RelatedItem).GetProperty(property)!, Filtering.QueryExpressions.Inline(part, item));
        var init = Expression.MemberInit(Expression.New(typeof(RelatedItem)),
            Bind(nameof(RelatedItem.Id), id), Bind(nameof(RelatedItem.Value), value), Bind(nameof(RelatedItem.Label), label));
        return Expression.Lambda<Func<TOther, RelatedItem>>(init, item);
    }
}

/// <summary>One related item of a relation facet, as plain columns.</summary>
public sealed class RelatedItem
{
    public int Id { get; set; }
    public string? Value { get; set; }
    public string? Label { get; set; }
}

/// <summary>
/// A value of a to-many relation's items, e.g. events per type of organiser: an item counts once under
/// each distinct value its related items have (an event with two civil-society organisers counts once
/// under CIVIL_SOCIETY) and not at all without related items. Buckets come most frequent first.
/// </summary>
public sealed class RelatedValueFacet<T, TValue>(
    string name, string description, Expression<Func<T, int>> itemId, Expression<Func<T, IEnumerable<TValue>>> related, int? maxBuckets) : IFacet<T>
{
    private readonly Expression<Func<T, TValue, ItemValue<TValue>>> _pair = Pair(itemId);

    public string Name => name;
    public string Description => description;
    public int? MaxBuckets => maxBuckets;

    public async Task<IReadOnlyList<FacetValue>> CountAsync(IQueryable<T> source, IResolveFieldContext context, CancellationToken ct)
    {
        var rows = await source.SelectMany(related, _pair).Distinct()
            .GroupBy(p => p.Value)
            .Select(g => new FacetRow<TValue> { Key = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return FacetFormat.MostFrequentFirst(rows);
    }

    /// <summary>(item, value) => new ItemValue { Item = itemId(item), Value = value }.</summary>
    private static Expression<Func<T, TValue, ItemValue<TValue>>> Pair(Expression<Func<T, int>> itemId)
    {
        var item = itemId.Parameters[0];
        var value = Expression.Parameter(typeof(TValue), "v");
        var init = Expression.MemberInit(Expression.New(typeof(ItemValue<TValue>)),
            Expression.Bind(typeof(ItemValue<TValue>).GetProperty(nameof(ItemValue<TValue>.Item))!, itemId.Body),
            Expression.Bind(typeof(ItemValue<TValue>).GetProperty(nameof(ItemValue<TValue>.Value))!, value));
        return Expression.Lambda<Func<T, TValue, ItemValue<TValue>>>(init, item, value);
    }
}

/// <summary>An item's key with one value of its related items.</summary>
public sealed class ItemValue<TValue>
{
    public int Item { get; set; }
    public TValue Value { get; set; } = default!;
}

internal static class FacetFormat
{
    /// <summary>Buckets by count, most frequent first; ties by value, the null bucket after the others.</summary>
    public static IReadOnlyList<FacetValue> MostFrequentFirst<TKey>(IEnumerable<FacetRow<TKey>> rows) =>
    [.. rows
        .Select(r => new FacetValue(Value(r.Key), null, r.Count))
        .OrderByDescending(v => v.Count)
        .ThenBy(v => v.Value is null)
        .ThenBy(v => v.Value, StringComparer.Ordinal)];

    /// <summary>A bucket's value as the client sees it elsewhere: enums by their GraphQL name (ONLINE_CONSULTATION).</summary>
    public static string? Value(object? key) => key switch
    {
        null => null,
        Enum e => e.ToString().ToConstantCase(),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString(),
    };
}
