using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.GraphQL.DataLoading;
using SmartCityGraph.GraphQL.Sorting;

namespace SmartCityGraph.GraphQL.Projection;

/// <summary>
/// Works out which members of a connection's items a request needs, from the fields it selects on them and
/// what each of those fields declared it reads (<see cref="FieldReads.Reads{TSource, TReturn}"/>).
/// </summary>
public static class ProjectionBuilder
{
    /// <summary>
    /// The projection that loads what the items of the connection field <paramref name="connectionField"/> need:
    /// the node type's <see cref="FieldReads.AlwaysReads{TSource}"/> members, those of every selected field and those
    /// <paramref name="alsoRead"/> reads (e.g. the keys a cursor is made of). Null means "load whole items":
    /// when a selected field declared nothing (it could otherwise see an unloaded, default value), when an
    /// <paramref name="alsoRead"/> lambda reads more than plain members, or when the items are not of one object type.
    /// </summary>
    /// <example>
    /// In the resolver of a connection of events paged by id:
    /// <code>
    /// var projection = ProjectionBuilder.ForConnection&lt;Event&gt;(ctx, e => e.Id);
    /// var events = await db.Events.Where(e => ids.Contains(e.Id)).SelectMembers(projection).ToListAsync(ct);
    /// </code>
    /// </example>
    public static Projection<T>? ForConnection<T>(IResolveFieldContext connectionField, params Expression<Func<T, object?>>[] alsoRead) =>
        ForConnection<T>(connectionField, alsoRead.AsEnumerable());

    /// <summary>As above for a page in <paramref name="order"/>: its keys are loaded too, because each item's cursor is made of them.</summary>
    public static Projection<T>? ForConnection<T>(IResolveFieldContext connectionField, SortOrder<T> order) =>
        Cached(connectionField, ("connection", typeof(T), order.Fingerprint),
            () => For<T>(ConnectionSelection.Of(connectionField), order.Keys.Select(key => key.ValueExpression)));

    /// <summary>As above, with the extra reads as untyped lambdas over <typeparamref name="T"/>.</summary>
    public static Projection<T>? ForConnection<T>(IResolveFieldContext connectionField, IEnumerable<LambdaExpression> alsoRead)
    {
        var extra = alsoRead.ToList();
        return Cached(connectionField, ("connection", typeof(T), string.Join(",", extra)),
            () => For<T>(ConnectionSelection.Of(connectionField), extra));
    }

    /// <summary>
    /// The projection for a field that returns the items themselves (one object or a list, e.g. an event's
    /// organisers), by the same rules as <see cref="ForConnection{T}(IResolveFieldContext, Expression{Func{T, object?}}[])"/>.
    /// </summary>
    public static Projection<T>? ForItems<T>(IResolveFieldContext itemsField, params Expression<Func<T, object?>>[] alsoRead) =>
        Cached(itemsField, ("items", typeof(T), alsoRead.Length == 0 ? "" : string.Join(",", alsoRead.AsEnumerable())),
            () => For<T>(ConnectionSelection.OfItems(itemsField), alsoRead));

    /// <summary>
    /// Whether the request selects <paramref name="itemField"/> on the items of the connection field (under <c>nodes</c> or
    /// <c>edges { node }</c>), so a resolver can skip computing what nobody asked for; true when that cannot be told.
    /// </summary>
    public static bool SelectsOnItems(IResolveFieldContext connectionField, string itemField) =>
        FieldMemo.GetOrAddForDocument(connectionField, ("selects-on-items", itemField), () =>
            ConnectionSelection.Of(connectionField) is not { } selection
            || selection.NodeFields.Any(f => f.Name.StringValue == itemField));

    /// <summary>
    /// The names of the members that the fields selected on the value of <paramref name="itemField"/> (a field of the
    /// connection's items, e.g. a search hit's <c>entity</c>) read, over every object type that value may be (its
    /// interface's or union's possible types) and their <see cref="FieldReads.AlwaysReads{TSource}"/>; empty when the
    /// field is not selected. Null ("load whole values") when a selected field declared nothing or the selection cannot
    /// be walked, by the same rules as <see cref="ForConnection{T}(IResolveFieldContext, Expression{Func{T, object?}}[])"/>.
    /// </summary>
    public static IReadOnlyList<string>? ReadsOfItemField(IResolveFieldContext connectionField, string itemField) =>
        FieldMemo.GetOrAddForDocument(connectionField, ("item-field-reads", itemField), () => ReadsOfField(ConnectionSelection.Of(connectionField), itemField));

    /// <summary>
    /// As <see cref="ReadsOfItemField"/> for <paramref name="valueField"/> of the object, or the objects of the list, that
    /// <paramref name="objectField"/> returns (not a connection): e.g. the entities under a subgraph's or a path's <c>nodes</c>.
    /// </summary>
    public static IReadOnlyList<string>? ReadsOfObjectField(IResolveFieldContext objectField, string valueField) =>
        FieldMemo.GetOrAddForDocument(objectField, ("object-field-reads", valueField), () => ReadsOfField(ConnectionSelection.OfItems(objectField), valueField));

    /// <summary>
    /// As <see cref="ReadsOfItemField"/> for the value of <paramref name="valueField"/> itself (an entity of any kind, e.g. a
    /// relation's <c>from</c>): the members the fields selected on it read.
    /// </summary>
    public static IReadOnlyList<string>? ReadsOfValue(IResolveFieldContext valueField) =>
        FieldMemo.GetOrAddForDocument(valueField, "value-reads", () => ReadsOfField(ConnectionSelection.OfField(valueField), valueField.FieldAst.Name.StringValue));

    /// <summary>The members read on the values of <paramref name="field"/> wherever <paramref name="selection"/> selects it.</summary>
    private static IReadOnlyList<string>? ReadsOfField(ConnectionSelection? selection, string field)
    {
        if (selection is null || selection.NodeType.GetField(field)?.ResolvedType?.GetNamedType() is not { } valueType)
            return null;
        IEnumerable<IObjectGraphType> types = valueType switch
        {
            IObjectGraphType objectType => [objectType],
            IAbstractGraphType abstractType => abstractType.PossibleTypes,
            _ => [],
        };
        var members = new List<MemberInfo>();
        foreach (var occurrence in selection.NodeFields.Where(f => f.Name.StringValue == field))
        {
            if (occurrence.SelectionSet is not { } selectionSet) return null;
            foreach (var type in types)
            {
                members.AddRange(type.GetAlwaysReads());
                foreach (var valueField in selection.FieldsOn(selectionSet, type))
                {
                    var name = valueField.Name.StringValue;
                    if (name.StartsWith("__", StringComparison.Ordinal)) continue; // __typename is answered from the type
                    if (type.GetField(name)?.GetReads() is not { } reads) return null;
                    members.AddRange(reads);
                }
            }
        }
        return members.Select(m => m.Name).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Once per field of the document: a field under a list resolves once per item, and working out its projection
    /// each time cost more than the SQL it saves. What a projection loads follows from the document's selections and
    /// the schema's declarations alone (never from variables: a skipped field counts as selected), so a cached
    /// document's projections are worked out on its first request only, and the same projection object lets EF Core
    /// find its compiled query without comparing a new expression tree.
    /// </summary>
    private static Projection<T>? Cached<T>(IResolveFieldContext field, (string Kind, Type Item, string Extra) key, Func<Projection<T>?> build) =>
        FieldMemo.GetOrAddForDocument(field, key, build);

    private static Projection<T>? For<T>(ConnectionSelection? selection, IEnumerable<LambdaExpression> alsoRead)
    {
        if (selection is null) return null;
        var members = new List<MemberInfo>(selection.NodeType.GetAlwaysReads());
        foreach (var field in selection.NodeFields)
        {
            var name = field.Name.StringValue;
            if (name.StartsWith("__", StringComparison.Ordinal)) continue; // __typename is answered from the type
            if (selection.NodeType.GetField(name)?.GetReads() is not { } reads) return null;
            members.AddRange(reads);
        }
        foreach (var lambda in alsoRead)
        {
            if (MemberReads.Of(lambda) is not { } reads) return null;
            members.AddRange(reads);
        }
        return Projection<T>.Of(members);
    }
}
