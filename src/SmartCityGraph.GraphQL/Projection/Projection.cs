using System.Linq.Expressions;
using System.Reflection;

namespace SmartCityGraph.GraphQL.Projection;

/// <summary>
/// A member-init projection <c>e => new T { Id = e.Id, Title = e.Title, … }</c> that loads only some members of
/// <typeparamref name="T"/>; EF Core turns it into a SELECT of just their columns. Members left out keep the
/// values a new <typeparamref name="T"/> starts with, so only code that declared what it reads may see the result.
/// </summary>
public sealed class Projection<T>
{
    private Projection(Expression<Func<T, T>> selector, IReadOnlyList<string> memberNames)
    {
        Selector = selector;
        MemberNames = memberNames;
    }

    public Expression<Func<T, T>> Selector { get; }

    /// <summary>The assigned members, by name in ordinal order.</summary>
    public IReadOnlyList<string> MemberNames { get; }

    /// <summary>Names this projection, e.g. for the name of a batch loader whose reads depend on it ("Id,Key,Title").</summary>
    public string Key => _key ??= string.Join(",", MemberNames);

    private string? _key;

    /// <summary>
    /// The projection assigning <paramref name="members"/>, or null when <typeparamref name="T"/> cannot be built
    /// member by member (abstract, no public parameterless constructor) or a member is not one of its own.
    /// Members without a public setter are not assigned: their value comes from the constructor (e.g. a
    /// discriminator each subtype sets).
    /// </summary>
    public static Projection<T>? Of(IEnumerable<MemberInfo> members)
    {
        var type = typeof(T);
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null) return null;
        var assigned = new SortedDictionary<string, MemberInfo>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.DeclaringType is not { } declaring || !declaring.IsAssignableFrom(type)) return null;
            if (Assignable(member)) assigned.TryAdd(member.Name, member);
        }
        var item = Expression.Parameter(type, "e");
        var init = Expression.MemberInit(Expression.New(type),
            assigned.Values.Select(member => Expression.Bind(member, Expression.MakeMemberAccess(item, member))));
        return new Projection<T>(Expression.Lambda<Func<T, T>>(init, item), [.. assigned.Keys]);
    }

    private static bool Assignable(MemberInfo member) => member switch
    {
        PropertyInfo property => property.GetSetMethod(nonPublic: false) is not null,
        FieldInfo field => field.IsPublic && !field.IsInitOnly,
        _ => false,
    };

    public override string ToString() => Selector.ToString();
}

public static class ProjectionQueryableExtensions
{
    /// <summary>The items with only the projection's members loaded; all of them when <paramref name="projection"/> is null.</summary>
    public static IQueryable<T> SelectMembers<T>(this IQueryable<T> source, Projection<T>? projection) =>
        projection is null ? source : source.Select(projection.Selector);
}
