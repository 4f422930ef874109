using System.Linq.Expressions;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Filtering;

namespace SmartCityGraph.Server.Relations;

public enum Direction { Out, In, Both }

/// <summary>
/// A named walk along relations — which neighbours a relation field reaches: along which relation types, in
/// which direction and to which kind. "An event's organisers" is <c>In, [Organises, Hosts], Organisation</c>.
/// Declared once per walk (e.g. <c>EventRelations.Organisers</c>), it serves the graph field (through the
/// batched loaders) and, as <see cref="Navigation{TOwner, TTarget}"/>, the filters and facets over the same
/// relations; both check it against the <see cref="RelationVocabulary"/>.
/// </summary>
public sealed record RelationSpec(Direction Direction, IReadOnlyList<RelationType> Types, NodeKind? TargetKind)
{
    public static RelationSpec Out(NodeKind kind, params RelationType[] types) => new(Direction.Out, types, kind);
    public static RelationSpec In(NodeKind kind, params RelationType[] types) => new(Direction.In, types, kind);

    /// <summary>A stable text naming this spec, so every parent asking for it shares one loader (made once: every item's loader key holds it).</summary>
    public string Name { get; } = $"{Direction}|{string.Join(",", Types)}|{TargetKind}";

    /// <summary>
    /// The same walk as a navigation SQL can join, for filters and facets:
    /// <c>o => o.IncomingRelations.Where(r => (r.Type == A || r.Type == B) &amp;&amp; r.From.Kind == K).Select(r => (TTarget)r.From)</c>
    /// (an EXISTS over the relation index). With <typeparamref name="TTarget"/> = <see cref="Entity"/> the ends stay
    /// plain entities, which EF Core can project where it cannot project a SelectMany over the cast.
    /// </summary>
    public Expression<Func<TOwner, IEnumerable<TTarget>>> Navigation<TOwner, TTarget>() where TOwner : Entity where TTarget : Entity =>
        Navigation<TOwner, TTarget, TTarget>(target => target);

    /// <summary>
    /// As <see cref="Navigation{TOwner, TTarget}"/>, ending at a value of each neighbour (the types of an event's
    /// organisers): <c>….Select(r => ((TTarget)r.From).Type)</c>.
    /// </summary>
    public Expression<Func<TOwner, IEnumerable<TValue>>> Navigation<TOwner, TTarget, TValue>(Expression<Func<TTarget, TValue>> value)
        where TOwner : Entity where TTarget : Entity
    {
        if (Direction == Direction.Both) throw new NotSupportedException("A navigation walks one direction.");
        CheckAgainstVocabulary(EntityKinds.Of(typeof(TOwner)));
        var outgoing = Direction == Direction.Out;
        var owner = Expression.Parameter(typeof(TOwner), "e");
        var relation = Expression.Parameter(typeof(Relation), "r");
        var relations = Expression.Property(owner, outgoing ? nameof(Entity.OutgoingRelations) : nameof(Entity.IncomingRelations));
        var end = Expression.Property(relation, outgoing ? nameof(Relation.To) : nameof(Relation.From));

        Expression? typeTest = null;
        foreach (var type in Types)
        {
            var test = Expression.Equal(Expression.Property(relation, nameof(Relation.Type)), Expression.Constant(type));
            typeTest = typeTest is null ? test : Expression.OrElse(typeTest, test);
        }
        var condition = TargetKind is { } kind
            ? Expression.AndAlso(typeTest!, Expression.Equal(Expression.Property(end, nameof(Entity.Kind)), Expression.Constant(kind)))
            : typeTest!;
        var where = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [typeof(Relation)],
            relations, Expression.Lambda<Func<Relation, bool>>(condition, relation));

        Expression target = typeof(TTarget) == typeof(Entity) ? end : Expression.Convert(end, typeof(TTarget));
        var selected = QueryExpressions.Inline(value, target);
        var select = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(Relation), typeof(TValue)],
            where, Expression.Lambda<Func<Relation, TValue>>(selected, relation));
        return Expression.Lambda<Func<TOwner, IEnumerable<TValue>>>(select, owner);
    }

    /// <summary>
    /// Refuses (at start-up, when the schema is built) a walk the vocabulary does not allow: every type must
    /// connect <paramref name="ownerKind"/> (null: any) with the target kind in this direction.
    /// </summary>
    public RelationSpec CheckAgainstVocabulary(NodeKind? ownerKind)
    {
        foreach (var type in Types)
        {
            var declaration = RelationVocabulary.Of(type);
            var walks = Direction switch
            {
                Direction.Out => Reaches(declaration, ownerKind, outgoing: true),
                Direction.In => Reaches(declaration, ownerKind, outgoing: false),
                _ => Reaches(declaration, ownerKind, outgoing: true) || Reaches(declaration, ownerKind, outgoing: false),
            };
            if (!walks)
                throw new InvalidOperationException(
                    $"The walk {Name} from {ownerKind?.ToString() ?? "any kind"} follows {type}, which connects only {string.Join(", ", declaration.Connects)}.");
        }
        return this;
    }

    private bool Reaches(RelationTypeDeclaration declaration, NodeKind? ownerKind, bool outgoing) =>
        declaration.Connects.Any(pair =>
            (ownerKind is null || (outgoing ? pair.From : pair.To) == ownerKind)
            && (TargetKind is null || (outgoing ? pair.To : pair.From) == TargetKind));
}
