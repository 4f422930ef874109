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
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            var part = Inline(predicate, parameter);
            body = body is null ? part : join(body, part);
        }
        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(empty), parameter);
    }

    private sealed record Box<TValue>(TValue Value);

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
