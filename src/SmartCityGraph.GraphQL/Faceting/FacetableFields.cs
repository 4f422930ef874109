using System.Linq.Expressions;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace SmartCityGraph.GraphQL.Faceting;

/// <summary>
/// The dimensions a client may count <typeparamref name="T"/> items by (<c>facets</c>) and the dates it
/// may ask the range of (<c>aggregate</c>), declared once per kind. Every facet is one GROUP BY statement
/// over the same filtered query as the connection; the aggregate is one statement for all its dates.
/// </summary>
/// <param name="typeName">The GraphQL name of the item type, e.g. "Event" for EventFacets and EventAggregate.</param>
public sealed class FacetableFields<T>(string typeName)
{
    /// <summary>At most this many dates per aggregate (the columns of <see cref="AggregateRow"/>).</summary>
    public const int MaxDateRanges = 4;

    /// <summary>How many related items a relation facet returns unless told otherwise.</summary>
    public const int DefaultTop = 50;

    private readonly List<IFacet<T>> _facets = [];
    private readonly List<(string Name, Expression<Func<T, DateOnly?>> Date)> _dates = [];

    public string TypeName => typeName;
    public IReadOnlyList<IFacet<T>> Facets => _facets;
    public IReadOnlyList<string> DateRangeNames => [.. _dates.Select(d => d.Name)];

    /// <summary>A stored value (an enum, a text, a flag): one bucket per value, plus the null bucket.</summary>
    public FacetableFields<T> Value<TValue>(string name, Expression<Func<T, TValue>> value, string? description = null) =>
        Add(new ValueFacet<T, TValue>(name, description ?? $"{typeName} items per {name}, most frequent first (value null: none).",
            _ => value, EnumBuckets(typeof(TValue))));

    /// <summary>
    /// A value a rule derives (e.g. a status from dates and today): <paramref name="value"/> gives, per request,
    /// an expression computing it that SQL can run (a CASE), so it is grouped like a stored value.
    /// </summary>
    public FacetableFields<T> Derived<TValue>(string name, Func<IResolveFieldContext, Expression<Func<T, TValue>>> value, string description) =>
        Add(new ValueFacet<T, TValue>(name, description, value, EnumBuckets(typeof(TValue))));

    /// <summary>
    /// A date by calendar month ("2021-03") and by year ("2021"), as two facets named <c>{prefix}Month</c>
    /// and <c>{prefix}Year</c> (e.g. startMonth, startYear for startDate).
    /// </summary>
    public FacetableFields<T> MonthAndYear(string prefix, string dateName, Expression<Func<T, DateOnly?>> date)
    {
        Add(new DateBucketFacet<T>(prefix + "Month", $"{typeName} items per month of {dateName} (\"2021-03\"), earliest first; value null: no date.", date, byMonth: true));
        return Add(new DateBucketFacet<T>(prefix + "Year", $"{typeName} items per year of {dateName} (\"2021\"), earliest first; value null: no date.", date, byMonth: false));
    }

    /// <summary>
    /// A to-many relation: items per related item, the <paramref name="top"/> most frequent, each with its
    /// value (e.g. a global id made by <paramref name="formatValue"/> from <paramref name="value"/>) and label.
    /// </summary>
    public FacetableFields<T> Relation<TOther>(
        string name, Expression<Func<T, IEnumerable<TOther>>> related, Expression<Func<TOther, int>> id,
        Expression<Func<TOther, string>> value, Expression<Func<TOther, string>> label, Func<string, string> formatValue,
        string description, int top = DefaultTop)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        return Add(new RelationFacet<T, TOther>(name, description, related, id, value, label, formatValue, top));
    }

    /// <summary>
    /// A value of related items (e.g. the types of an event's organisers): items per value, each item once
    /// per distinct value among its related items; <paramref name="itemId"/> tells items apart.
    /// </summary>
    public FacetableFields<T> RelatedValue<TValue>(
        string name, Expression<Func<T, int>> itemId, Expression<Func<T, IEnumerable<TValue>>> related, string description) =>
        Add(new RelatedValueFacet<T, TValue>(name, description, itemId, related, EnumBuckets(typeof(TValue))));

    /// <summary>A date whose smallest and largest value <c>aggregate</c> offers.</summary>
    public FacetableFields<T> DateRange(string name, Expression<Func<T, DateOnly?>> date)
    {
        if (_dates.Count == MaxDateRanges) throw new NotSupportedException($"At most {MaxDateRanges} date ranges per aggregate.");
        if (_dates.Any(d => d.Name == name)) throw new ArgumentException($"'{name}' is declared twice.");
        _dates.Add((name, date));
        return this;
    }

    /// <summary>The range of every declared date over <paramref name="source"/>, in declaration order, in one statement.</summary>
    public async Task<IReadOnlyList<DateRange>> DateRangesAsync(IQueryable<T> source, CancellationToken ct)
    {
        if (_dates.Count == 0) return [];
        // GROUP BY a constant: one group over all rows, none when there are no rows.
        var rows = await source.GroupBy(_ => 1).Select(AggregateProjection()).ToListAsync(ct).ConfigureAwait(false);
        return [.. _dates.Select((_, i) => rows.Count == 0 ? new DateRange(null, null) : rows[0].Range(i))];
    }

    private Expression<Func<IGrouping<int, T>, AggregateRow>> AggregateProjection()
    {
        var group = Expression.Parameter(typeof(IGrouping<int, T>), "g");
        var bindings = new List<MemberBinding>();
        for (var i = 0; i < _dates.Count; i++)
        {
            foreach (var (method, prefix) in new[] { (nameof(Enumerable.Min), "Min"), (nameof(Enumerable.Max), "Max") })
            {
                var call = Expression.Call(typeof(Enumerable), method, [typeof(T), typeof(DateOnly?)], group, _dates[i].Date);
                bindings.Add(Expression.Bind(typeof(AggregateRow).GetProperty(prefix + i)!, call));
            }
        }
        return Expression.Lambda<Func<IGrouping<int, T>, AggregateRow>>(
            Expression.MemberInit(Expression.New(typeof(AggregateRow)), bindings), group);
    }

    private FacetableFields<T> Add(IFacet<T> facet)
    {
        if (_facets.Any(f => f.Name == facet.Name)) throw new ArgumentException($"'{facet.Name}' is declared twice.");
        _facets.Add(facet);
        return this;
    }

    /// <summary>An enum (or flag) facet holds at most one bucket per member, plus the null bucket when the value may be missing.</summary>
    private static int? EnumBuckets(Type type)
    {
        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        var missing = scalar == type ? 0 : 1;
        return scalar.IsEnum ? Enum.GetValues(scalar).Length + missing : scalar == typeof(bool) ? 2 + missing : null;
    }
}

/// <summary>The minima and maxima of up to four dates, read in one statement.</summary>
public sealed class AggregateRow
{
    public DateOnly? Min0 { get; set; }
    public DateOnly? Max0 { get; set; }
    public DateOnly? Min1 { get; set; }
    public DateOnly? Max1 { get; set; }
    public DateOnly? Min2 { get; set; }
    public DateOnly? Max2 { get; set; }
    public DateOnly? Min3 { get; set; }
    public DateOnly? Max3 { get; set; }

    public DateRange Range(int index) => index switch
    {
        0 => new(Min0, Max0),
        1 => new(Min1, Max1),
        2 => new(Min2, Max2),
        _ => new(Min3, Max3),
    };
}
