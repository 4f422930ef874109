using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Storage;

/// <summary>
/// Which columns a read selects and how a row of them becomes an object, as the EF Core model maps it
/// (column names, value converters, the kind discriminator, sources as JSON), for the hot reads that run
/// as plain, prepared SQL. The select list starts at <see cref="Offset"/> within the row.
/// </summary>
public sealed class RowShape<T>(IReadOnlyList<string> columns, Func<DbDataReader, int, T> read, string key)
{
    /// <summary>The mapped columns this shape reads, in order.</summary>
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>Names the shape, for keeping statements of different shapes apart ("Event:Id,Key,Title").</summary>
    public string Key { get; } = key;

    /// <summary>The select list, each column qualified by <paramref name="alias"/>.</summary>
    public string SelectList(string alias) => string.Join(", ", Columns.Select(c => $"{alias}.\"{c}\""));

    /// <summary>Reads the object whose columns start at ordinal <paramref name="offset"/>.</summary>
    public T Read(DbDataReader reader, int offset) => read(reader, offset);
}

/// <summary>
/// The <see cref="RowShape{T}"/>s of the model's entities and relations, derived once from the EF Core model
/// (so they follow it: a new mapped property is read without a change here). Whole rows, or only some members
/// of one kind, as EF Core's projections load them.
/// </summary>
public sealed class ModelRows
{
    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;
    private static readonly MethodInfo GetString = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetString), [typeof(int)])!;

    private readonly IEntityType _entity;
    private readonly IEntityType _relation;
    private readonly ConcurrentDictionary<(Type, string), object?> _projected = new();
    private readonly Lazy<RowShape<Entity>> _entities;
    private readonly Lazy<RowShape<Relation>> _relations;

    public ModelRows(IModel model)
    {
        _entity = model.FindEntityType(typeof(Entity))!;
        _relation = model.FindEntityType(typeof(Relation))!;
        // Built when first read, like the projected shapes: compiling both readers was ~80 ms of a start whose first
        // requests often need neither.
        _entities = new(() => WholeRows<Entity>(_entity));
        _relations = new(() => WholeRows<Relation>(_relation));
    }

    /// <summary>Whole entities of any kind (every column of the table; the kind picks the type).</summary>
    public RowShape<Entity> Entities => _entities.Value;

    /// <summary>Whole relations.</summary>
    public RowShape<Relation> Relations => _relations.Value;

    /// <summary>
    /// Entities of kind <typeparamref name="T"/> with only <paramref name="members"/> loaded (the others keep a new
    /// object's values), or whole ones when <paramref name="members"/> is null; null when a member is not a mapped one.
    /// </summary>
    public RowShape<T>? Of<T>(IReadOnlyCollection<string>? members) where T : Entity
    {
        if (members is null && typeof(T) == typeof(Entity)) return (RowShape<T>)(object)Entities;
        var key = members is null ? "*" : string.Join(",", members.Order(StringComparer.Ordinal));
        return (RowShape<T>?)_projected.GetOrAdd((typeof(T), key), _ => Projected<T>(members));
    }

    /// <summary>
    /// Entities of any kind with only <paramref name="members"/> loaded (a member counts for the kinds that map it; the
    /// others keep a new object's values), the kind picking the type as for <see cref="Entities"/>; null when a member is
    /// mapped by no kind. For reads whose callers declared what they use of each hit (search), so a page of hits need not
    /// carry every column and the sources' JSON.
    /// </summary>
    public RowShape<Entity>? EntitiesWith(IReadOnlyCollection<string> members)
    {
        var key = string.Join(",", members.Distinct().Order(StringComparer.Ordinal));
        return (RowShape<Entity>?)_projected.GetOrAdd((typeof(Entity), "any:" + key), _ => AnyKindProjected(members));
    }

    /// <summary>
    /// Relations with only <paramref name="members"/> loaded (and the key; the others keep a new object's values), or whole
    /// ones when a member is not a mapped one.
    /// </summary>
    public RowShape<Relation> RelationsWith(IReadOnlyCollection<string> members)
    {
        var key = string.Join(",", members.Distinct().Order(StringComparer.Ordinal));
        return (RowShape<Relation>)_projected.GetOrAdd((typeof(Relation), key), _ => OneTypeRows<Relation>(_relation, members) ?? Relations)!;
    }

    /// <summary>
    /// The column <paramref name="member"/> of entities of type <paramref name="type"/> is stored in, with what the
    /// column may hold and how a value becomes what is stored; null when the member is not a mapped scalar (a
    /// navigation, the JSON-mapped sources, a computed member).
    /// </summary>
    public MappedColumn? ColumnOf(Type type, string member) =>
        _columns.GetOrAdd((type, member), static (key, model) => model.FindColumn(key.Type, key.Member), this);

    // Asked for every compared column of every prepared page: looked up in the model once.
    private readonly ConcurrentDictionary<(Type Type, string Member), MappedColumn?> _columns = new();
    private readonly ConcurrentDictionary<Type, (string Column, string Value)?> _kinds = new();

    private MappedColumn? FindColumn(Type type, string member)
    {
        var entityType = _entity.GetDerivedTypesInclusive().FirstOrDefault(t => t.ClrType == type);
        if (entityType?.FindProperty(member) is not { PropertyInfo: not null } property || property.IsShadowProperty()) return null;
        var converter = property.GetTypeMapping().Converter;
        return new MappedColumn(property.GetColumnName(), property.IsNullable,
            converter is null ? null : value => value is null ? null : converter.ConvertToProvider(value));
    }

    /// <summary>The kind column and the value it holds for entities of type <typeparamref name="T"/>; null for a type of no single kind.</summary>
    public (string Column, string Value)? KindOf<T>() where T : Entity =>
        _kinds.GetOrAdd(typeof(T), static (clrType, model) => model.FindKind(clrType), this);

    private (string Column, string Value)? FindKind(Type clrType)
    {
        var type = _entity.GetDerivedTypesInclusive().FirstOrDefault(t => t.ClrType == clrType && !t.IsAbstract());
        if (type is null || type.GetDerivedTypes().Any() || _entity.FindDiscriminatorProperty() is not { } discriminator) return null;
        return (discriminator.GetColumnName(), (string)DiscriminatorStoreValue(discriminator, type.GetDiscriminatorValue()!));
    }

    private RowShape<Entity>? AnyKindProjected(IReadOnlyCollection<string> members)
    {
        var wanted = members.ToHashSet(StringComparer.Ordinal);
        var concrete = _entity.GetDerivedTypesInclusive().Where(t => !t.IsAbstract()).ToList();
        var byType = concrete.ToDictionary(t => t, t => Mapped(t).Where(m => m.IsKey || wanted.Contains(m.Name)).ToList());
        if (wanted.Any(name => byType.Values.All(list => list.All(m => m.Name != name)))) return null;
        var discriminator = _entity.FindDiscriminatorProperty();
        if (discriminator is null) return null;
        // The key first, then the discriminator (to pick the type), then the members in the order the kinds declare them.
        var columns = new List<string>();
        foreach (var type in concrete)
            foreach (var member in byType[type].Where(m => m.IsKey))
                if (!columns.Contains(member.Column)) columns.Add(member.Column);
        if (!columns.Contains(discriminator.GetColumnName())) columns.Add(discriminator.GetColumnName());
        foreach (var type in concrete)
            foreach (var member in byType[type])
                if (!columns.Contains(member.Column)) columns.Add(member.Column);
        var byValue = concrete.ToDictionary(
            t => (string)DiscriminatorStoreValue(discriminator, t.GetDiscriminatorValue()!),
            t => Materializer<Entity>(t, byType[t], columns), StringComparer.Ordinal);
        var ordinal = columns.IndexOf(discriminator.GetColumnName());
        return new RowShape<Entity>(columns, (reader, offset) => byValue[reader.GetString(offset + ordinal)](reader, offset),
            $"{_entity.ClrType.Name}:{string.Join(",", columns)}");
    }

    private RowShape<T>? Projected<T>(IReadOnlyCollection<string>? members) where T : Entity
    {
        var type = _entity.GetDerivedTypesInclusive().FirstOrDefault(t => t.ClrType == typeof(T) && !t.IsAbstract());
        return type is null ? null : OneTypeRows<T>(type, members);
    }

    /// <summary>Rows of one mapped type with only <paramref name="members"/> (and the key), or whole; null when a member is not mapped.</summary>
    private static RowShape<T>? OneTypeRows<T>(IEntityType type, IReadOnlyCollection<string>? members) where T : class
    {
        var mapped = Mapped(type).ToList();
        if (members is not null)
        {
            var wanted = members.ToHashSet(StringComparer.Ordinal);
            if (wanted.Any(name => mapped.All(m => m.Name != name))) return null;
            mapped = mapped.Where(m => m.IsKey || wanted.Contains(m.Name)).ToList();
        }
        var columns = mapped.Select(p => p.Column).ToList();
        var read = Materializer<T>(type, mapped, columns);
        return new RowShape<T>(columns, read, $"{type.ClrType.Name}:{string.Join(",", columns)}");
    }

    private RowShape<T> WholeRows<T>(IEntityType root) where T : class
    {
        // Every column of the table, in the order the types first declare them (the key first).
        var columns = new List<string>();
        foreach (var type in root.GetDerivedTypesInclusive())
            foreach (var member in Mapped(type))
                if (!columns.Contains(member.Column)) columns.Add(member.Column);
        var discriminator = root.FindDiscriminatorProperty();
        var concrete = root.GetDerivedTypesInclusive().Where(t => !t.IsAbstract()).ToList();
        if (discriminator is null || concrete.Count == 1)
        {
            var only = concrete.Single();
            return new RowShape<T>(columns, Materializer<T>(only, Mapped(only).ToList(), columns), $"{only.ClrType.Name}:*");
        }

        // One materializer per kind, picked by the stored discriminator value.
        var byValue = concrete.ToDictionary(
            t => (string)DiscriminatorStoreValue(discriminator, t.GetDiscriminatorValue()!),
            t => Materializer<T>(t, Mapped(t).ToList(), columns), StringComparer.Ordinal);
        var ordinal = columns.IndexOf(discriminator.GetColumnName());
        return new RowShape<T>(columns, (reader, offset) => byValue[reader.GetString(offset + ordinal)](reader, offset), $"{root.ClrType.Name}:*");
    }

    private static object DiscriminatorStoreValue(IProperty discriminator, object value) =>
        discriminator.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value)! : value;

    /// <summary>A type's mapped scalar properties and JSON-mapped collections, with their columns.</summary>
    private static IEnumerable<MappedMember> Mapped(IEntityType type)
    {
        foreach (var property in type.GetProperties())
        {
            if (property.IsShadowProperty() || property.PropertyInfo is null) continue;
            yield return new MappedMember(property.Name, property.GetColumnName(), property, null, property.IsPrimaryKey());
        }
        foreach (var navigation in type.GetNavigations())
            if (navigation.TargetEntityType.IsMappedToJson() && navigation.PropertyInfo is not null)
                yield return new MappedMember(navigation.Name, navigation.TargetEntityType.GetContainerColumnName()!, null, navigation, false);
    }

    /// <summary>
    /// Compiles <c>(reader, offset) => new TType { Member = read(column) … }</c> for the members given, each read
    /// as the model maps it: the provider's reader method, then the property's value converter, null as default.
    /// </summary>
    private static Func<DbDataReader, int, T> Materializer<T>(IEntityType type, IReadOnlyList<MappedMember> members, List<string> columns)
    {
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var offset = Expression.Parameter(typeof(int), "offset");
        var item = Expression.Variable(type.ClrType, "item");
        var body = new List<Expression> { Expression.Assign(item, Expression.New(type.ClrType)) };
        var discriminator = type.FindDiscriminatorProperty();
        foreach (var member in members)
        {
            if (member.Property is not null && member.Property == discriminator) continue; // each type's constructor sets its kind
            var ordinal = Expression.Add(offset, Expression.Constant(columns.IndexOf(member.Column)));
            var target = Expression.Property(item, (PropertyInfo)(member.Property?.PropertyInfo ?? member.Navigation!.PropertyInfo)!);
            // Sources stay JSON until read (StoredSources); other JSON-mapped members are parsed here.
            var assign = member.Property is { } property ? Expression.Assign(target, Scalar(reader, ordinal, property))
                : member.Navigation!.Name == nameof(IStoredSources.Sources) && typeof(IStoredSources).IsAssignableFrom(type.ClrType)
                    ? Expression.Call(Expression.Convert(item, typeof(IStoredSources)), typeof(IStoredSources).GetMethod(nameof(IStoredSources.SetSourcesJson))!,
                        Expression.Call(reader, GetString, ordinal))
                    : (Expression)Expression.Assign(target, Json(reader, ordinal, target.Type));
            // NULL leaves a new object's value (null, or an empty list of sources). Only the key goes unchecked: a kind's
            // required property shares a nullable column with the other kinds (one table), and rows written outside EF
            // (the synthetic generator's bulk load) may leave it NULL, which EF Core's own reading tolerates too.
            body.Add(member.IsKey ? assign : Expression.IfThen(Expression.Not(Expression.Call(reader, IsDbNull, ordinal)), assign));
        }
        body.Add(Expression.Convert(item, typeof(T)));
        return Expression.Lambda<Func<DbDataReader, int, T>>(Expression.Block([item], body), reader, offset).Compile();
    }

    private static Expression Scalar(ParameterExpression reader, Expression ordinal, IProperty property)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        var method = mapping.GetDataReaderMethod();
        Expression value = Expression.Call(method.IsStatic ? null : reader, method, ordinal);
        value = mapping.CustomizeDataReaderExpression(value);
        var converter = mapping.Converter;
        var providerType = converter?.ProviderClrType ?? Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        if (value.Type != providerType) value = Expression.Convert(value, providerType);
        if (converter is not null)
        {
            var fromProvider = converter.ConvertFromProviderExpression;
            value = Expression.Invoke(fromProvider, value);
        }
        return value.Type == property.ClrType ? value : Expression.Convert(value, property.ClrType);
    }

    private static Expression Json(ParameterExpression reader, Expression ordinal, Type type) =>
        Expression.Call(typeof(ModelRows).GetMethod(nameof(FromJson), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type),
            Expression.Call(reader, GetString, ordinal));

    /// <summary>EF Core stores JSON-mapped members under their property names, dates as ISO 8601: the serializer's defaults.</summary>
    private static TValue FromJson<TValue>(string json) => JsonSerializer.Deserialize<TValue>(json)!;

    private sealed record MappedMember(string Name, string Column, IProperty? Property, INavigation? Navigation, bool IsKey);
}

/// <summary>
/// A mapped member's column: its name, whether it may be NULL, and the model's conversion of a value into what the
/// column stores (null when values are stored as they are).
/// </summary>
public sealed record MappedColumn(string Name, bool Nullable, Func<object?, object?>? ToProvider);
