using System.Linq.Expressions;
using System.Reflection;

namespace SmartCityGraph.GraphQL.Projection;

/// <summary>The members of its parameter a lambda reads, e.g. <c>e => e.EndDate ?? e.StartDate</c> reads EndDate and StartDate.</summary>
internal static class MemberReads
{
    /// <summary>
    /// The members of the lambda's parameter it reads, or null when it uses the parameter some other way
    /// (passes it to a method, casts it to a subtype, …): then nobody can tell what it reads.
    /// </summary>
    public static IReadOnlyList<MemberInfo>? Of(LambdaExpression lambda)
    {
        if (lambda.Parameters.Count != 1) return null;
        var finder = new Finder(lambda.Parameters[0]);
        finder.Visit(lambda.Body);
        return finder.Opaque ? null : finder.Members;
    }

    /// <summary>As <see cref="Of"/>, for declarations: what cannot be read as members is a mistake in the schema.</summary>
    public static IReadOnlyList<MemberInfo> OfDeclaration(LambdaExpression lambda) =>
        Of(lambda) ?? throw new ArgumentException(
            $"'{lambda}' must read members of its parameter (e => e.Title), so that a projection can load them.", nameof(lambda));

    private sealed class Finder(ParameterExpression parameter) : ExpressionVisitor
    {
        public List<MemberInfo> Members { get; } = [];
        public bool Opaque { get; private set; }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is { } target && Unconverted(target) == parameter)
            {
                Members.Add(node.Member);
                return node;
            }
            return base.VisitMember(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            // Reached only when the parameter is used other than as the target of a member access.
            if (node == parameter) Opaque = true;
            return node;
        }

        /// <summary>Upcasts (to an interface or base type) still read the same object's members.</summary>
        private Expression Unconverted(Expression expression)
        {
            while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.TypeAs } convert
                   && convert.Type.IsAssignableFrom(parameter.Type))
                expression = convert.Operand;
            return expression;
        }
    }
}
