using System.Linq.Expressions;

namespace SmartCityGraph.GraphQL.Filtering;

/// <summary>Small helpers for building predicates that EF Core can translate to SQL.</summary>
public static class QueryExpressions
{
    /// <summary>
    /// A value as a captured member rather than a constant, so EF Core sends it as an SQL parameter
    /// (one cached plan, no literal in the statement).
    /// </summary>
    public static Expression Parameter<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    /// <summary>The body of <paramref name="lambda"/> with its parameter replaced by <paramref name="parameter"/>.</summary>
    public static Expression Inline(LambdaExpression lambda, Expression parameter) => Replace(lambda.Body, lambda.Parameters[0], parameter);

    /// <summary><paramref name="expression"/> with every use of <paramref name="parameter"/> replaced by <paramref name="with"/>.</summary>
    public static Expression Replace(Expression expression, ParameterExpression parameter, Expression with) =>
        new ParameterReplacer(parameter, with).Visit(expression);

    public static Expression<Func<T, bool>> And<T>(IEnumerable<Expression<Func<T, bool>>> predicates) =>
        Combine(predicates, Expression.AndAlso, true);

    public static Expression<Func<T, bool>> Or<T>(IEnumerable<Expression<Func<T, bool>>> predicates) =>
        Combine(predicates, Expression.OrElse, false);

    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    public static Expression<Func<T, bool>> True<T>() => _ => true;

    /// <summary>
    /// <c>left op right</c> for the ordered types a filter or sort may compare: strings through
    /// <see cref="string.Compare(string, string)"/> (EF Core turns it into a plain SQL comparison),
    /// everything else through its own comparison operators, lifted over nullables.
    /// </summary>
    public static Expression Compare(Expression left, ExpressionType comparison, Expression right)
    {
        if (left.Type == typeof(string))
        {
            var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
            return Expression.MakeBinary(comparison, Expression.Call(compare, left, right), Expression.Constant(0));
        }
        return Expression.MakeBinary(comparison, left, right);
    }

    private static Expression<Func<T, bool>> Combine<T>(
        IEnumerable<Expression<Func<T, bool>>> predicates, Func<Expression, Expression, BinaryExpression> join, bool empty)
    {
        var parameter = Expression.Parameter(typeof(T), "e");
        var parts = predicates.Select(predicate => Inline(predicate, parameter)).ToList();
        return Expression.Lambda<Func<T, bool>>(parts.Count == 0 ? Expression.Constant(empty) : Balanced(parts, 0, parts.Count, join), parameter);
    }

    /// <summary>
    /// parts[from..to) joined as a balanced tree: a chain of 100 ORs nested 100 deep, past SQLite's limit on an
    /// expression's depth (1,000) and deep enough for a stack overflow in the expression visitors at 10,000.
    /// </summary>
    private static Expression Balanced(List<Expression> parts, int from, int to, Func<Expression, Expression, BinaryExpression> join)
    {
        if (to - from == 1)
            return parts[from];
        var middle = from + (to - from) / 2;
        return join(Balanced(parts, from, middle, join), Balanced(parts, middle, to, join));
    }

    private sealed record Box<TValue>(TValue Value);

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
