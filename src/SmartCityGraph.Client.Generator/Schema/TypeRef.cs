using GraphQLParser.AST;

namespace SmartCityGraph.Client.Generator.Schema;

/// <summary>A GraphQL type reference: a named type, wrapped in lists and non-null markers.</summary>
internal sealed class TypeRef
{
    private TypeRef(string? name, TypeRef? ofType, bool isList, bool isNonNull)
    {
        Name = name;
        OfType = ofType;
        IsList = isList;
        IsNonNull = isNonNull;
    }

    /// <summary>The named type, set only on the innermost reference.</summary>
    public string? Name { get; }

    /// <summary>The wrapped reference of a list or non-null reference.</summary>
    public TypeRef? OfType { get; }

    public bool IsList { get; }

    public bool IsNonNull { get; }

    public string NamedType => Name ?? OfType!.NamedType;

    /// <summary>The same reference without its outer non-null marker.</summary>
    public TypeRef Nullable => IsNonNull ? OfType! : this;

    public static TypeRef Named(string name) => new(name, null, false, false);

    public static TypeRef ListOf(TypeRef item) => new(null, item, true, false);

    public static TypeRef NonNull(TypeRef inner) => inner.IsNonNull ? inner : new TypeRef(null, inner, false, true);

    public static TypeRef From(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => NonNull(From(nonNull.Type)),
        GraphQLListType list => ListOf(From(list.Type)),
        GraphQLNamedType named => Named(named.Name.StringValue),
        _ => throw new System.ArgumentException("Unknown GraphQL type node " + type.Kind),
    };

    public bool SameAs(TypeRef other) =>
        IsNonNull == other.IsNonNull && IsList == other.IsList && Name == other.Name
        && (OfType is null ? other.OfType is null : other.OfType is not null && OfType.SameAs(other.OfType));

    public override string ToString() => IsNonNull ? OfType + "!" : IsList ? "[" + OfType + "]" : Name!;
}
