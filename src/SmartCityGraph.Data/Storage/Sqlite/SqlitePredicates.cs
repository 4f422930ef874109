using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace SmartCityGraph.Data.Storage.Sqlite;

/// <summary>
/// SQLite's SQL for the predicates and sort keys the GraphQL layer composes for EF Core (filters, derived rules, cursor
/// seeks), when they compare stored columns with values: <c>and</c>, <c>or</c>, <c>not</c>, the comparisons,
/// <c>string.Compare(a, b) op 0</c>, <c>a ?? b</c> over columns, a boolean column, and <c>list.Contains(column)</c>.
/// Anything else (text matching, relations, method calls) is left to EF Core: <see cref="TryWrite"/> says no.
/// </summary>
/// <remarks>
/// Every condition it writes is true or false, never NULL, so <c>NOT</c> means what C# means: a nullable column is
/// compared with <c>IS</c> / <c>IS NOT</c> for (in)equality (null equals null, as in C#), and an ordering comparison of a
/// nullable column also asks <c>IS NOT NULL</c> (C# calls <c>null &lt; x</c> false), which keeps it usable by an index.
/// Values become parameters (<c>$p0</c>, <c>$p1</c>, …) converted as the model stores them, so the text depends only on
/// the predicate's shape and prepared statements are reused across values.
/// </remarks>
public sealed class SqlitePredicates
{
    private readonly ModelRows _rows;
    private readonly Type _entityType;
    private readonly ParameterExpression _item;
    private readonly string _alias;
    private readonly StringBuilder _sql = new();
    private readonly List<object?> _values = [];

    private SqlitePredicates(ModelRows rows, Type entityType, string alias)
    {
        _rows = rows;
        _entityType = entityType;
        _item = Expression.Parameter(entityType, alias);
        _alias = alias;
    }

    /// <summary>The SQL written so far.</summary>
    public string Sql => _sql.ToString();

    /// <summary>The parameters' values, in order (<c>$p0</c> first).</summary>
    public IReadOnlyList<object?> Values => _values;

    /// <summary>The names of the parameters written, in order.</summary>
    public IEnumerable<string> ParameterNames => _values.Select((_, i) => "$p" + i);

    /// <summary>A writer for predicates over entities of type <paramref name="entityType"/>, read as <paramref name="alias"/>.</summary>
    public static SqlitePredicates For(ModelRows rows, Type entityType, string alias) => new(rows, entityType, alias);

    /// <summary>Appends raw SQL text.</summary>
    public SqlitePredicates Append(string sql)
    {
        _sql.Append(sql);
        return this;
    }

    /// <summary>Appends the condition <paramref name="predicate"/> (over the entity); false when it is not one this writer can say.</summary>
    public bool TryWrite(LambdaExpression predicate) => predicate.Parameters.Count == 1 && Condition(Replace(predicate));

    /// <summary>Appends <c>column ASC|DESC</c> for a sort key over the item; false when the key is not a stored column.</summary>
    /// <remarks>SQLite sorts NULL before every value, as the GraphQL layer's orders do: first ascending, last descending.</remarks>
    public bool TryWriteOrder(LambdaExpression key, bool descending)
    {
        if (key.Parameters.Count != 1 || Column(Replace(key)) is not { } column) return false;
        _sql.Append(column.Sql).Append(descending ? " DESC" : " ASC");
        return true;
    }

    private Expression Replace(LambdaExpression lambda) => new ItemReplacer(lambda.Parameters[0], _item).Visit(lambda.Body);

    private bool Condition(Expression expression)
    {
        switch (expression)
        {
            case ConstantExpression { Value: bool value }:
                _sql.Append(value ? "1" : "0");
                return true;
            case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } both:
                _sql.Append('(');
                if (!Condition(both.Left)) return false;
                _sql.Append(both.NodeType == ExpressionType.AndAlso ? " AND " : " OR ");
                if (!Condition(both.Right)) return false;
                _sql.Append(')');
                return true;
            case UnaryExpression { NodeType: ExpressionType.Not } not when not.Type == typeof(bool):
                _sql.Append("NOT (");
                if (!Condition(not.Operand)) return false;
                _sql.Append(')');
                return true;
            case BinaryExpression comparison when IsComparison(comparison.NodeType):
                return Comparison(comparison);
            case MethodCallExpression { Method.Name: nameof(Enumerable.Contains), Arguments.Count: 2 } contains
                when contains.Method.DeclaringType == typeof(Enumerable):
                return In(contains.Arguments[0], contains.Arguments[1]);
            default:
                // A boolean column stands for "is true" (EF Core stores it as 0 or 1).
                if (expression.Type == typeof(bool) && Column(expression) is { Nullable: false } flag)
                {
                    _sql.Append(flag.Sql).Append(" = 1");
                    return true;
                }
                return false;
        }
    }

    private bool Comparison(BinaryExpression comparison)
    {
        var (left, op, right) = (comparison.Left, comparison.NodeType, comparison.Right);
        // string.Compare(a, b) op 0 is a op b (EF Core's translation; SQLite compares text ordinally).
        if (left is MethodCallExpression { Method.Name: nameof(string.Compare), Arguments.Count: 2 } compare
            && compare.Method.DeclaringType == typeof(string) && Value(right, out var zero) && zero is 0)
            (left, right) = (compare.Arguments[0], compare.Arguments[1]);
        if (Column(left) is not { } column)
        {
            if (Column(right) is not { } flipped) return false;
            (column, right, op) = (flipped, left, Flip(op));
        }
        if (!Value(right, out var value)) return false;

        switch (op)
        {
            case ExpressionType.Equal when value is null:
                _sql.Append(column.Nullable ? $"{column.Sql} IS NULL" : "0");
                return true;
            case ExpressionType.NotEqual when value is null:
                _sql.Append(column.Nullable ? $"{column.Sql} IS NOT NULL" : "1");
                return true;
            case ExpressionType.Equal or ExpressionType.NotEqual:
                var equal = op == ExpressionType.Equal;
                _sql.Append(column.Sql).Append(column.Nullable ? (equal ? " IS " : " IS NOT ") : (equal ? " = " : " <> "));
                return Parameter(column, value);
            default:
                // C# says a comparison with null is false.
                if (value is null)
                {
                    _sql.Append('0');
                    return true;
                }
                _sql.Append('(').Append(column.Sql).Append(Operator(op));
                if (!Parameter(column, value)) return false;
                if (column.Nullable) _sql.Append(" AND ").Append(column.Sql).Append(" IS NOT NULL");
                _sql.Append(')');
                return true;
        }
    }

    /// <summary><c>list.Contains(column)</c>: the list as one JSON parameter, so the text does not depend on its length.</summary>
    private bool In(Expression list, Expression item)
    {
        if (Column(item) is not { } column || !Value(list, out var values) || values is not IEnumerable items) return false;
        var stored = new List<object?>();
        var withNull = false;
        foreach (var value in items)
        {
            if (value is null) { withNull = true; continue; }
            var converted = column.ToProvider(value);
            // JSON keeps text and whole numbers exactly as SQLite compares them; dates and other values stay with EF Core.
            if (converted is not (string or int or long or short or byte)) return false;
            stored.Add(converted);
        }
        // Definite for a nullable column too: NULL IN (…) is NULL, so NULL rows are added or left out explicitly.
        _sql.Append('(').Append(column.Sql).Append(" IN (SELECT value FROM json_each(");
        AddValue(JsonSerializer.Serialize(stored));
        _sql.Append("))");
        if (column.Nullable) _sql.Append(withNull ? " OR " : " AND ").Append(column.Sql).Append(withNull ? " IS NULL" : " IS NOT NULL");
        _sql.Append(')');
        return true;
    }

    private bool Parameter(ColumnSql column, object value)
    {
        var converted = column.ToProvider(value);
        if (converted is null) return false;
        AddValue(converted);
        return true;
    }

    private void AddValue(object value)
    {
        _sql.Append("$p").Append(_values.Count);
        _values.Add(value);
    }

    /// <summary>A stored column of the item, or <c>a ?? b</c> over such columns (stored as they are), with its SQL.</summary>
    private ColumnSql? Column(Expression expression)
    {
        expression = StripConvert(expression);
        if (expression is MemberExpression { Member: PropertyInfo property } member && StripConvert(member.Expression!) == _item
            && _rows.ColumnOf(_entityType, property.Name) is { } mapped)
        {
            return new ColumnSql($"{_alias}.\"{mapped.Name}\"", mapped.Nullable, mapped.ToProvider);
        }
        if (expression is BinaryExpression { NodeType: ExpressionType.Coalesce } coalesce
            && Column(coalesce.Left) is { } first && Column(coalesce.Right) is { } second
            && first.Converter is null && second.Converter is null) // one parameter suits both sides
            return new ColumnSql($"coalesce({first.Sql}, {second.Sql})", second.Nullable, null);
        return null;
    }

    /// <summary>A value the expression holds without reading the item: a constant, or a member of a captured object.</summary>
    private bool Value(Expression expression, out object? value)
    {
        expression = StripConvert(expression);
        switch (expression)
        {
            case ConstantExpression constant:
                value = constant.Value;
                return true;
            case MemberExpression member:
                object? target = null;
                if (member.Expression is not null && (!Value(member.Expression, out target) || target is null))
                {
                    value = null;
                    return false;
                }
                switch (member.Member)
                {
                    case PropertyInfo property:
                        value = property.GetValue(target);
                        return true;
                    case FieldInfo field:
                        value = field.GetValue(target);
                        return true;
                }
                value = null;
                return false;
            default:
                value = null;
                return false;
        }
    }

    private static Expression StripConvert(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            expression = convert.Operand;
        return expression;
    }

    private static bool IsComparison(ExpressionType type) => type is ExpressionType.Equal or ExpressionType.NotEqual
        or ExpressionType.LessThan or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual;

    private static ExpressionType Flip(ExpressionType type) => type switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => type,
    };

    private static string Operator(ExpressionType type) => type switch
    {
        ExpressionType.LessThan => " < ",
        ExpressionType.LessThanOrEqual => " <= ",
        ExpressionType.GreaterThan => " > ",
        _ => " >= ",
    };

    /// <summary>A column (or a coalesce of columns) as SQL, whether it may be NULL, and how a value becomes what it stores.</summary>
    private sealed record ColumnSql(string Sql, bool Nullable, Func<object?, object?>? Converter)
    {
        public object? ToProvider(object? value) => Converter is null ? value : Converter(value);
    }

    private sealed class ItemReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
