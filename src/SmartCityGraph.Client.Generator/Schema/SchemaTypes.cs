using System.Collections.Generic;

namespace SmartCityGraph.Client.Generator.Schema;

internal enum SchemaTypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// <summary>A named type of the schema, with just what the generator needs.</summary>
internal sealed class SchemaType
{
    public SchemaType(string name, SchemaTypeKind kind, string? description)
    {
        Name = name;
        Kind = kind;
        Description = description;
    }

    public string Name { get; }

    public SchemaTypeKind Kind { get; }

    public string? Description { get; }

    /// <summary>Output fields of objects and interfaces, in declaration order.</summary>
    public List<FieldDefinition> Fields { get; } = new();

    /// <summary>Interfaces an object or interface implements; member types of a union.</summary>
    public List<string> Interfaces { get; } = new();

    public List<string> UnionMembers { get; } = new();

    public List<string> EnumValues { get; } = new();

    public List<InputValue> InputFields { get; } = new();

    public bool IsComposite => Kind is SchemaTypeKind.Object or SchemaTypeKind.Interface or SchemaTypeKind.Union;

    public bool IsAbstract => Kind is SchemaTypeKind.Interface or SchemaTypeKind.Union;

    public bool IsLeaf => Kind is SchemaTypeKind.Scalar or SchemaTypeKind.Enum;

    public bool IsInput => Kind is SchemaTypeKind.Scalar or SchemaTypeKind.Enum or SchemaTypeKind.InputObject;

    public FieldDefinition? FindField(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }
}

internal sealed class FieldDefinition
{
    public FieldDefinition(string name, TypeRef type, List<InputValue> arguments, string? description)
    {
        Name = name;
        Type = type;
        Arguments = arguments;
        Description = description;
    }

    public string Name { get; }

    public TypeRef Type { get; }

    public List<InputValue> Arguments { get; }

    public string? Description { get; }
}

/// <summary>An argument or an input object's field.</summary>
internal sealed class InputValue
{
    public InputValue(string name, TypeRef type, bool hasDefault, string? description = null)
    {
        Name = name;
        Type = type;
        HasDefault = hasDefault;
        Description = description;
    }

    public string Name { get; }

    public string? Description { get; }

    public TypeRef Type { get; }

    public bool HasDefault { get; }

    /// <summary>The spec's "required": non-null and without a default.</summary>
    public bool IsRequired => Type.IsNonNull && !HasDefault;
}
