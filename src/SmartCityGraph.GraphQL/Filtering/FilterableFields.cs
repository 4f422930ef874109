using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Filtering;

/// <summary>
/// The fields a client may filter <typeparamref name="T"/> by, declared once; from it come the
/// <c>XFilterInput</c> type (with <c>and</c>/<c>or</c>) and the predicate a <c>where</c> argument means.
/// </summary>
/// <param name="typeName">The GraphQL name of the filtered type, e.g. "Event" for EventFilterInput.</param>
public sealed class FilterableFields<T>(string typeName)
{
    private readonly List<IFilterField<T>> _fields = [];

    public string TypeName => typeName;
    public string InputName => typeName + "FilterInput";
    public IReadOnlyList<IFilterField<T>> Fields => _fields;

    /// <summary>A stored value; the operators follow its type (see <see cref="FilterScalar"/>).</summary>
    public FilterableFields<T> Field<TValue>(string name, Expression<Func<T, TValue>> value, string? graphTypeName = null) =>
        Add(new ValueFilterField<T, TValue>(name, value, graphTypeName));

    /// <summary>A derived value: <paramref name="holds"/> gives the predicate "the value is v" SQL can run.</summary>
    public FilterableFields<T> Derived<TValue>(string name, string graphTypeName, Func<TValue, IResolveFieldContext, Expression<Func<T, bool>>> holds)
        where TValue : notnull =>
        Add(new DerivedFilterField<T, TValue>(name, graphTypeName, holds));

    /// <summary>A to-many relation, filtered with some/all/none/any by the related type's own filter.</summary>
    public FilterableFields<T> Relation<TOther>(string name, Expression<Func<T, IEnumerable<TOther>>> related, FilterableFields<TOther> filter) =>
        Add(new RelationFilterField<T, TOther>(name, related, () => filter));

    /// <summary>
    /// As above, with the related type's filter named lazily: two kinds that filter by each other (events by
    /// their organisers, organisations by their events) would otherwise need each other to exist first.
    /// </summary>
    public FilterableFields<T> Relation<TOther>(string name, Expression<Func<T, IEnumerable<TOther>>> related, Func<FilterableFields<TOther>> filter) =>
        Add(new RelationFilterField<T, TOther>(name, related, filter));

    /// <summary>
    /// A to-one relation (an event's phase), filtered by the related type's own filter: the item matches when it
    /// has a related item and that item matches. <paramref name="related"/> gives the (at most one) related item as a list.
    /// </summary>
    public FilterableFields<T> Object<TOther>(string name, Expression<Func<T, IEnumerable<TOther>>> related, Func<FilterableFields<TOther>> filter) =>
        Add(new ObjectFilterField<T, TOther>(name, related, filter));

    public InputObjectGraphType InputType(GeneratedTypes types) =>
        types.GetOrAdd(InputName, () => new InputObjectGraphType(), type =>
        {
            type.Description = $"Conditions on {typeName} items; all given conditions must hold.";
            var self = new ListGraphType(new NonNullGraphType(type));
            type.AddField(new FieldType { Name = "and", ResolvedType = self, Description = "Every one of these holds." });
            type.AddField(new FieldType { Name = "or", ResolvedType = self, Description = "At least one of these holds." });
            foreach (var field in _fields)
                type.AddField(new FieldType { Name = field.Name, ResolvedType = field.InputType(types) });
        });

    /// <summary>
    /// Most parts (input fields, operators and list items, counted through and/or and relations) one <c>where</c> may
    /// have: a filter is translated and sent as one SQL statement, and 10,000 alternatives are a denial of service,
    /// not a question.
    /// </summary>
    public const int MaxParts = 1_000;

    /// <summary>The predicate a parsed <c>where</c> input (a dictionary) stands for.</summary>
    public Expression<Func<T, bool>> Predicate(object input, IResolveFieldContext context)
    {
        if (FilterInput.CountParts(input, MaxParts) > MaxParts)
            throw GraphQLRequestException.InvalidInput($"The {InputName} has more than {MaxParts} parts (conditions, operators and list items); split the question.");
        return Build(input, context);
    }

    private Expression<Func<T, bool>> Build(object input, IResolveFieldContext context) =>
        QueryExpressions.And(FilterInput.Entries(input, InputName).Where(entry => entry.Value is not null).Select(entry => entry.Key switch
        {
            "and" => QueryExpressions.And(Items(entry.Value).Select(part => Build(part, context))),
            "or" => QueryExpressions.Or(Items(entry.Value).Select(part => Build(part, context))),
            _ => FieldNamed(entry.Key).Predicate(entry.Value!, context),
        }));

    private FilterableFields<T> Add(IFilterField<T> field)
    {
        if (_fields.Any(f => f.Name == field.Name)) throw new ArgumentException($"'{field.Name}' is declared twice.");
        _fields.Add(field);
        return this;
    }

    private IFilterField<T> FieldNamed(string name) =>
        _fields.FirstOrDefault(f => f.Name == name) ?? throw GraphQLRequestException.InvalidInput($"{InputName} has no field '{name}'.");

    private static IEnumerable<object> Items(object? list) =>
        (list as System.Collections.IEnumerable)?.Cast<object?>().Where(item => item is not null).Cast<object>() ?? [];
}
