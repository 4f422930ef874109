using System.Collections;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Filtering;

/// <summary>One field of a filter input: its GraphQL input type and how its argument becomes a predicate.</summary>
public interface IFilterField<T>
{
    string Name { get; }
    IGraphType InputType(GeneratedTypes types);
    Expression<Func<T, bool>> Predicate(object input, IResolveFieldContext context);
}

/// <summary>A filter on a value read from the entity (a column): eq, in, contains, gt, … as its type allows.</summary>
public sealed class ValueFilterField<T, TValue>(string name, Expression<Func<T, TValue>> value, string? graphTypeName) : IFilterField<T>
{
    private static readonly Type ScalarType = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
    private static readonly bool AcceptsNull = !typeof(TValue).IsValueType || Nullable.GetUnderlyingType(typeof(TValue)) is not null;
    private readonly FilterScalar _scalar = FilterScalar.For(ScalarType, graphTypeName);

    public string Name => name;

    public IGraphType InputType(GeneratedTypes types) =>
        FilterOperations.OperationInput(types, _scalar.InputName, _scalar.GraphTypeName, _scalar.Operations);

    public Expression<Func<T, bool>> Predicate(object input, IResolveFieldContext context) =>
        QueryExpressions.And(FilterInput.Entries(input, name).Select(entry => Operation(entry.Key, entry.Value)));

    private Expression<Func<T, bool>> Operation(string operation, object? operand)
    {
        var field = value.Body;
        Expression body = operation switch
        {
            FilterOperations.Eq => Equal(field, operand),
            FilterOperations.Neq => Expression.Not(Equal(field, operand)),
            FilterOperations.In => In(field, operand),
            FilterOperations.Nin => Expression.Not(In(field, operand)),
            FilterOperations.Contains => Text(field, nameof(string.Contains), operand),
            FilterOperations.StartsWith => Text(field, nameof(string.StartsWith), operand),
            FilterOperations.EndsWith => Text(field, nameof(string.EndsWith), operand),
            FilterOperations.Gt => Ordered(field, ExpressionType.GreaterThan, operand),
            FilterOperations.Gte => Ordered(field, ExpressionType.GreaterThanOrEqual, operand),
            FilterOperations.Lt => Ordered(field, ExpressionType.LessThan, operand),
            FilterOperations.Lte => Ordered(field, ExpressionType.LessThanOrEqual, operand),
            _ => throw GraphQLRequestException.InvalidInput($"'{name}' has no operator '{operation}'."),
        };
        return Expression.Lambda<Func<T, bool>>(body, value.Parameters);
    }

    private Expression Equal(Expression field, object? operand)
    {
        // eq null asks for "no value"; a column that always has one never matches.
        if (operand is null && !AcceptsNull) return Expression.Constant(false);
        return Expression.Equal(field, QueryExpressions.Parameter(Typed(operand)));
    }

    private Expression In(Expression field, object? operand)
    {
        var values = (operand as IEnumerable ?? Array.Empty<object?>()).Cast<object?>().Select(Typed).ToList();
        var contains = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(TValue));
        return Expression.Call(contains, QueryExpressions.Parameter(values), field);
    }

    private Expression Text(Expression field, string method, object? operand)
    {
        if (operand is not string text) throw GraphQLRequestException.InvalidInput($"'{name}.{Method(method)}' needs a text.");
        // Lower-cased on both sides: case-insensitive on any database (SQLite's lower() folds ASCII only).
        var lower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        var match = typeof(string).GetMethod(method, [typeof(string)])!;
        return Expression.Call(Expression.Call(field, lower), match, QueryExpressions.Parameter(text.ToLowerInvariant()));
    }

    private Expression Ordered(Expression field, ExpressionType comparison, object? operand)
    {
        if (operand is null) throw GraphQLRequestException.InvalidInput($"'{name}' cannot be compared with null.");
        return QueryExpressions.Compare(field, comparison, QueryExpressions.Parameter(Typed(operand)));
    }

    private TValue Typed(object? operand)
    {
        if (operand is null) return AcceptsNull ? default! : throw GraphQLRequestException.InvalidInput($"'{name}' never is null.");
        if (operand is TValue typed) return typed;
        try
        {
            return (TValue)Convert.ChangeType(operand, ScalarType, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw GraphQLRequestException.InvalidInput($"'{name}' does not accept the value '{operand}'.");
        }
    }

    private static string Method(string method) => char.ToLowerInvariant(method[0]) + method[1..];
}

/// <summary>
/// A filter on a value the database does not store but a rule derives (e.g. a status from dates):
/// the declaration gives, per value, the predicate SQL can run. Offers eq, neq, in and nin.
/// </summary>
public sealed class DerivedFilterField<T, TValue>(
    string name, string graphTypeName, Func<TValue, IResolveFieldContext, Expression<Func<T, bool>>> holds) : IFilterField<T>
    where TValue : notnull
{
    public string Name => name;

    public IGraphType InputType(GeneratedTypes types) =>
        FilterOperations.OperationInput(types, graphTypeName + "OperationFilterInput", graphTypeName, FilterOperations.Equality);

    public Expression<Func<T, bool>> Predicate(object input, IResolveFieldContext context) =>
        QueryExpressions.And(FilterInput.Entries(input, name).Select(entry => entry.Key switch
        {
            FilterOperations.Eq => holds(Single(entry.Value), context),
            FilterOperations.Neq => QueryExpressions.Not(holds(Single(entry.Value), context)),
            FilterOperations.In => AnyOf(entry.Value, context),
            FilterOperations.Nin => QueryExpressions.Not(AnyOf(entry.Value, context)),
            _ => throw GraphQLRequestException.InvalidInput($"'{name}' has no operator '{entry.Key}'."),
        }));

    private Expression<Func<T, bool>> AnyOf(object? values, IResolveFieldContext context) =>
        QueryExpressions.Or((values as IEnumerable ?? Array.Empty<object>()).Cast<object?>().Select(v => holds(Single(v), context)));

    private TValue Single(object? operand) =>
        operand is TValue value ? value : throw GraphQLRequestException.InvalidInput($"'{name}' needs a value.");
}

/// <summary>
/// A filter over a to-many relation: some / all / none of the related items match, or any exist.
/// The declaration gives the related items as an expression over navigations, so it runs as SQL EXISTS.
/// </summary>
public sealed class RelationFilterField<T, TOther>(
    string name, Expression<Func<T, IEnumerable<TOther>>> related, Func<FilterableFields<TOther>> relatedFilter) : IFilterField<T>
{
    public string Name => name;

    private FilterableFields<TOther> Filter => relatedFilter();

    public IGraphType InputType(GeneratedTypes types)
    {
        var element = Filter.InputType(types);
        return types.GetOrAdd("ListFilterInputTypeOf" + element.Name, () => new InputObjectGraphType(), type =>
        {
            type.Description = $"Conditions on a list of {Filter.TypeName} items.";
            type.AddField(new FieldType { Name = "some", ResolvedType = element, Description = "At least one item matches." });
            type.AddField(new FieldType { Name = "all", ResolvedType = element, Description = "Every item matches (true for no items)." });
            type.AddField(new FieldType { Name = "none", ResolvedType = element, Description = "No item matches." });
            type.AddField(new FieldType { Name = "any", ResolvedType = new BooleanGraphType(), Description = "true: there are items; false: there are none." });
        });
    }

    public Expression<Func<T, bool>> Predicate(object input, IResolveFieldContext context) =>
        QueryExpressions.And(FilterInput.Entries(input, name).Where(entry => entry.Value is not null).Select(entry =>
        {
            var items = related.Body;
            Expression body = entry.Key switch
            {
                "some" => Call(nameof(Enumerable.Any), items, Element(entry.Value, context)),
                "all" => Call(nameof(Enumerable.All), items, Element(entry.Value, context)),
                "none" => Expression.Not(Call(nameof(Enumerable.Any), items, Element(entry.Value, context))),
                "any" => entry.Value is true ? Call(nameof(Enumerable.Any), items, null) : Expression.Not(Call(nameof(Enumerable.Any), items, null)),
                _ => throw GraphQLRequestException.InvalidInput($"'{name}' has no operator '{entry.Key}'."),
            };
            return Expression.Lambda<Func<T, bool>>(body, related.Parameters);
        }));

    private Expression<Func<TOther, bool>> Element(object? input, IResolveFieldContext context) =>
        input is null ? QueryExpressions.True<TOther>() : Filter.Predicate(input, context);

    internal static Expression Call(string method, Expression items, LambdaExpression? predicate)
    {
        var arity = predicate is null ? 1 : 2;
        var generic = typeof(Enumerable).GetMethods().Single(m => m.Name == method && m.GetParameters().Length == arity
            && (arity == 1 || m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2));
        var closed = generic.MakeGenericMethod(typeof(TOther));
        return predicate is null ? Expression.Call(closed, items) : Expression.Call(closed, items, predicate);
    }
}

/// <summary>
/// A filter over a to-one relation (an event's phase) with the related type's own input: the item matches when
/// its related item exists and matches. Runs as SQL EXISTS, like <see cref="RelationFilterField{T, TOther}"/>.
/// </summary>
public sealed class ObjectFilterField<T, TOther>(
    string name, Expression<Func<T, IEnumerable<TOther>>> related, Func<FilterableFields<TOther>> relatedFilter) : IFilterField<T>
{
    public string Name => name;

    public IGraphType InputType(GeneratedTypes types) => relatedFilter().InputType(types);

    public Expression<Func<T, bool>> Predicate(object input, IResolveFieldContext context) =>
        Expression.Lambda<Func<T, bool>>(
            RelationFilterField<T, TOther>.Call(nameof(Enumerable.Any), related.Body, relatedFilter().Predicate(input, context)),
            related.Parameters);
}

internal static class FilterInput
{
    /// <summary>The entries and list items of a parsed input, counted no further than just past <paramref name="stopAfter"/>.</summary>
    public static int CountParts(object? input, int stopAfter)
    {
        var count = 0;
        var pending = new Stack<object?>();
        pending.Push(input);
        while (pending.Count > 0 && count <= stopAfter)
        {
            switch (pending.Pop())
            {
                case IDictionary<string, object?> map:
                    foreach (var value in map.Values) { count++; pending.Push(value); }
                    break;
                case string:
                    break;
                case System.Collections.IEnumerable list:
                    foreach (var item in list) { count++; pending.Push(item); }
                    break;
            }
        }
        return count;
    }

    /// <summary>The operators given for one field; an input object arrives as a dictionary, nulls mean "not given".</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Entries(object input, string field) =>
        input as IDictionary<string, object?> ?? throw GraphQLRequestException.InvalidInput($"'{field}' needs an input object.");
}
