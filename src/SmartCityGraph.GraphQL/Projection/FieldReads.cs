using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Projection;

/// <summary>
/// Declarations of which members of the source object a field's resolver reads, kept in the schema's
/// metadata (not in the SDL), so a connection can load only the columns its selected fields need
/// (see <see cref="ProjectionBuilder"/>). A field without a declaration makes its connection load whole objects.
/// </summary>
public static class FieldReads
{
    private const string FieldKey = "SmartCityGraph.Projection.Reads";
    private const string TypeKey = "SmartCityGraph.Projection.AlwaysReads";

    /// <summary>
    /// The field's resolver reads exactly these members of its source, e.g. <c>.Reads(e => e.StartDate, e => e.EndDate)</c>;
    /// none at all (<c>.Reads()</c>) for a field that needs nothing but what the type always reads.
    /// Repeated calls add up.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> Reads<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, params Expression<Func<TSource, object?>>[] members)
    {
        field.FieldType.Metadata[FieldKey] = Add(field.FieldType.GetMetadata<IReadOnlyList<MemberInfo>?>(FieldKey), members);
        return field;
    }

    /// <summary>
    /// Members every object of this type must carry whatever is selected, e.g. the id that relation loaders and
    /// cursors key on. Repeated calls add up.
    /// </summary>
    public static void AlwaysReads<TSource>(this ComplexGraphType<TSource> type, params Expression<Func<TSource, object?>>[] members) =>
        type.Metadata[TypeKey] = Add(type.GetMetadata<IReadOnlyList<MemberInfo>?>(TypeKey), members);

    /// <summary>The members the field declared it reads, or null when it declared nothing (then nobody knows).</summary>
    public static IReadOnlyList<MemberInfo>? GetReads(this FieldType field) => field.GetMetadata<IReadOnlyList<MemberInfo>?>(FieldKey);

    /// <summary>The members every object of the type carries (empty when none are declared).</summary>
    public static IReadOnlyList<MemberInfo> GetAlwaysReads(this IGraphType type) => type.GetMetadata<IReadOnlyList<MemberInfo>?>(TypeKey) ?? [];

    // Declarations are checked when the schema is built, so a wrong one fails at start-up, not in a request.
    private static List<MemberInfo> Add(IReadOnlyList<MemberInfo>? known, IEnumerable<LambdaExpression> members) =>
        [.. known ?? [], .. members.SelectMany(MemberReads.OfDeclaration)];
}
