using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Types;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Mutations;

namespace SmartCityGraph.Server.Editing;

/// <summary>
/// What editors may set on one kind, declared once in the kind's feature folder (e.g. <c>EventEditing</c>): each
/// field's name (its query name), graph type and the member it sets. From it come <c>CreateXInput</c> and
/// <c>UpdateXInput</c> and how their values reach the entity, so a new kind needs only its own small declaration
/// (and a line in the Mutation type). Title, summary and their other languages are declared for every kind.
/// </summary>
/// <typeparam name="TEntity">The kind's entity class.</typeparam>
public sealed class EntityEditing<TEntity> where TEntity : Entity
{
    private static readonly NullabilityInfoContext Nullability = new();
    private readonly List<EditableField> _fields = [];
    private readonly Func<TEntity> _create;

    /// <param name="typeName">The kind's GraphQL type, e.g. "Event" (createEvent, UpdateEventInput, …).</param>
    /// <param name="graphType">The kind's graph type, e.g. <c>typeof(EventGraphType)</c>: what the payloads return.</param>
    /// <param name="create">A blank entity of the kind (key and title are filled in from the input).</param>
    public EntityEditing(string typeName, Type graphType, Func<TEntity> create)
    {
        TypeName = typeName;
        GraphType = graphType;
        _create = create;
        Kind = create().Kind;
        Field<StringGraphType, string>("title", e => e.Title, "The display label; an organisation's name. The key (and so the id) of a new entity is made from it.");
        Field<StringGraphType, string?>("summary", e => e.Summary, "In your own words, never copied paragraphs.");
        Field<StringGraphType, string?>("titleDe", e => e.TitleDe, "The German title where a source gives one and the title is another; never a translation of ours.");
        Field<StringGraphType, string?>("titleEn", e => e.TitleEn, "The English title where a source gives one and the title is another.");
        Field<StringGraphType, string?>("summaryDe", e => e.SummaryDe, "A German summary, condensed from a German passage of the sources.");
    }

    public string TypeName { get; }
    public Type GraphType { get; }
    public NodeKind Kind { get; }

    /// <summary>The payload's field with the entity, e.g. <c>event</c>, <c>strategyElement</c>.</summary>
    public string ResultName => char.ToLowerInvariant(TypeName[0]) + TypeName[1..];

    /// <summary>
    /// An editable field. It is required on create when the member cannot hold null (a non-nullable value or reference)
    /// unless <paramref name="optionalOnCreate"/> (then the entity's default stands, e.g. an event is not cancelled).
    /// On update every field is optional: left out, it stays as it is; null clears it, where the member can hold null.
    /// </summary>
    public EntityEditing<TEntity> Field<TGraphType, TValue>(string name, Expression<Func<TEntity, TValue>> member, string? description = null, bool optionalOnCreate = false)
        where TGraphType : IGraphType
    {
        var property = (PropertyInfo)((MemberExpression)member.Body).Member;
        var nonNull = typeof(TValue).IsValueType
            ? Nullable.GetUnderlyingType(typeof(TValue)) is null
            : Nullability.Create(property).WriteState == NullabilityState.NotNull;
        _fields.Add(new EditableField(name, typeof(TGraphType), property, nonNull, nonNull && !optionalOnCreate, description));
        return this;
    }

    internal IEnumerable<FieldType> CreateFields() =>
        _fields.Select(f => new FieldType
        {
            Name = f.Name,
            Type = f.RequiredOnCreate ? typeof(NonNullGraphType<>).MakeGenericType(f.GraphType) : f.GraphType,
            Description = f.Description,
        }).Concat(EntityEditingFields.Change());

    internal IEnumerable<FieldType> UpdateFields() =>
        new[]
        {
            new FieldType { Name = "id", Type = typeof(NonNullGraphType<IdGraphType>), Description = $"The {TypeName} to change." },
            new FieldType { Name = "expectedVersion", Type = typeof(NonNullGraphType<IntGraphType>), Description = "The version you read; if it has changed since, nothing is changed (ConflictError)." },
        }
        .Concat(_fields.Select(f => new FieldType
        {
            Name = f.Name, Type = f.GraphType,
            Description = (f.Description is null ? "" : f.Description + " ") + (f.NonNull ? "Left out: unchanged." : "Left out: unchanged; null: cleared."),
        }))
        .Concat(EntityEditingFields.Change());

    /// <summary>A new entity with the input's values.</summary>
    internal TEntity Draft(IDictionary<string, object?> input)
    {
        var entity = _create();
        foreach (var field in _fields.Where(f => input.TryGetValue(f.Name, out var value) && (value is not null || !f.NonNull)))
            field.Set(entity, input[field.Name]);
        return entity;
    }

    /// <summary>Sets the fields the input names; clearing a field that cannot be empty is refused (a ValidationError naming it).</summary>
    internal void Apply(IDictionary<string, object?> input, Entity entity)
    {
        var cleared = _fields.Where(f => f.NonNull && input.TryGetValue(f.Name, out var value) && value is null).ToList();
        if (cleared.Count > 0)
            throw new EditRejectedException([.. cleared.Select(f => new ValidationProblem(f.Name, "cannot be cleared: it must have a value"))]);
        foreach (var field in _fields.Where(f => input.ContainsKey(f.Name))) field.Set(entity, input[field.Name]);
    }

    private sealed record EditableField(string Name, Type GraphType, PropertyInfo Property, bool NonNull, bool RequiredOnCreate, string? Description)
    {
        public void Set(Entity entity, object? value) => Property.SetValue(entity, value switch
        {
            // A GraphQL list arrives as a list of objects; the entity holds a list of strings.
            IEnumerable<object?> items when Property.PropertyType == typeof(List<string>) => items.Select(i => (string)i!).ToList(),
            _ => value,
        });
    }
}

/// <summary>The input fields every change takes besides its own.</summary>
internal static class EntityEditingFields
{
    public static IEnumerable<FieldType> Change() =>
    [
        new FieldType { Name = "sources", Type = typeof(NonNullGraphType<ListGraphType<NonNullGraphType<SourceInputGraphType>>>), Description = "Where the change comes from: at least one source." },
        new FieldType { Name = "comment", Type = typeof(StringGraphType), Description = "Why; recorded on the revision." },
    ];
}
