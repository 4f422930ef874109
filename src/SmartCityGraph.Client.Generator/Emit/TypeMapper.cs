using System.Collections.Generic;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>
/// Maps GraphQL types to C# types and to the code that reads and writes them, and remembers which
/// enums and input objects the operations use (only those are generated).
/// </summary>
internal sealed class TypeMapper
{
    private const string Json = "JsonValues";

    private readonly GraphQLSchema _schema;

    public TypeMapper(GraphQLSchema schema) => _schema = schema;

    public SortedSet<string> UsedEnums { get; } = new(System.StringComparer.Ordinal);

    public SortedSet<string> UsedInputObjects { get; } = new(System.StringComparer.Ordinal);

    /// <summary>The C# type of a value of <paramref name="type"/>; <paramref name="compositeName"/> names a selection's interface.</summary>
    public string CSharpType(TypeRef type, string? compositeName = null)
    {
        if (!type.IsNonNull)
        {
            return CSharpType(TypeRef.NonNull(type), compositeName) + "?";
        }

        var inner = type.OfType!;
        return inner.IsList
            ? "IReadOnlyList<" + CSharpType(inner.OfType!, compositeName) + ">"
            : NamedType(inner.Name!, compositeName);
    }

    private string NamedType(string name, string? compositeName)
    {
        var schemaType = _schema.Find(name)!;
        switch (schemaType.Kind)
        {
            case SchemaTypeKind.Enum:
                UsedEnums.Add(name);
                return Naming.Pascal(name);
            case SchemaTypeKind.InputObject:
                UseInputObject(schemaType);
                return Naming.Pascal(name);
            case SchemaTypeKind.Scalar:
                return Scalar(name).CSharp;
            default:
                return compositeName ?? "object";
        }
    }

    private void UseInputObject(SchemaType type)
    {
        if (!UsedInputObjects.Add(type.Name))
        {
            return;
        }

        foreach (var field in type.InputFields)
        {
            CSharpType(field.Type);
        }
    }

    /// <summary>True when the C# type of a non-null <paramref name="type"/> is a struct.</summary>
    public bool IsValueType(TypeRef type)
    {
        var inner = type.IsNonNull ? type.OfType! : type;
        if (inner.IsList)
        {
            return false;
        }

        var schemaType = _schema.Find(inner.Name!)!;
        return schemaType.Kind == SchemaTypeKind.Enum || (schemaType.Kind == SchemaTypeKind.Scalar && Scalar(inner.Name!).IsValueType);
    }

    /// <summary>An expression reading <paramref name="json"/> (a JsonElement) as <paramref name="type"/>.</summary>
    public string ReadExpression(TypeRef type, string json, int depth, System.Func<string, string>? readComposite = null)
    {
        var parameter = "j" + depth;
        if (!type.IsNonNull)
        {
            var inner = ReadExpression(TypeRef.NonNull(type), parameter, depth + 1, readComposite);
            var helper = IsValueType(type) ? "NullableValue" : "Nullable";
            return Json + "." + helper + "(" + json + ", static " + parameter + " => " + inner + ")";
        }

        var nonNull = type.OfType!;
        if (nonNull.IsList)
        {
            var item = ReadExpression(nonNull.OfType!, parameter, depth + 1, readComposite);
            return Json + ".List(" + json + ", static " + parameter + " => " + item + ")";
        }

        var schemaType = _schema.Find(nonNull.Name!)!;
        return schemaType.Kind switch
        {
            SchemaTypeKind.Enum => Naming.Pascal(schemaType.Name) + "Serializer.Parse(" + Json + ".String(" + json + "))",
            SchemaTypeKind.Scalar => Json + "." + Scalar(schemaType.Name).Reader + "(" + json + ")",
            _ => readComposite!(json),
        };
    }

    /// <summary>Statements writing <paramref name="value"/> (of <paramref name="type"/>) to the Utf8JsonWriter "writer".</summary>
    public void WriteStatements(CodeWriter code, TypeRef type, string value, int depth)
    {
        if (!type.IsNonNull)
        {
            var local = "v" + depth;
            code.Open("if (" + value + " is { } " + local + ")");
            WriteStatements(code, TypeRef.NonNull(type), local, depth + 1);
            code.Close();
            code.Open("else");
            code.Line("writer.WriteNullValue();");
            code.Close();
            return;
        }

        var nonNull = type.OfType!;
        if (nonNull.IsList)
        {
            var item = "item" + depth;
            code.Line("writer.WriteStartArray();");
            code.Open("foreach (var " + item + " in " + value + ")");
            WriteStatements(code, nonNull.OfType!, item, depth + 1);
            code.Close();
            code.Line("writer.WriteEndArray();");
            return;
        }

        var schemaType = _schema.Find(nonNull.Name!)!;
        switch (schemaType.Kind)
        {
            case SchemaTypeKind.Enum:
                code.Line("writer.WriteStringValue(" + Naming.Pascal(schemaType.Name) + "Serializer.Serialize(" + value + "));");
                break;
            case SchemaTypeKind.InputObject:
                code.Line(value + ".WriteTo(writer);");
                break;
            default:
                code.Line(Json + ".Write" + Scalar(schemaType.Name).Reader + "(writer, " + value + ");");
                break;
        }
    }

    /// <summary>How a scalar maps: its C# type, the JsonValues method that reads (and Write… that writes) it.</summary>
    private static ScalarMapping Scalar(string name) => name switch
    {
        "ID" => new ScalarMapping("string", "Id", false),
        "String" => new ScalarMapping("string", "String", false),
        "Int" => new ScalarMapping("int", "Int", true),
        "Float" => new ScalarMapping("double", "Float", true),
        "Boolean" => new ScalarMapping("bool", "Boolean", true),
        "Date" => new ScalarMapping("DateOnly", "Date", true),
        "DateTime" => new ScalarMapping("DateTimeOffset", "DateTime", true),
        "Long" => new ScalarMapping("long", "Long", true),
        "Decimal" => new ScalarMapping("decimal", "Decimal", true),
        "Uuid" or "UUID" => new ScalarMapping("Guid", "Guid", true),
        // Other custom scalars: the raw JSON value, which the caller interprets.
        _ => new ScalarMapping("JsonElement", "Any", true),
    };

    private sealed record ScalarMapping(string CSharp, string Reader, bool IsValueType);
}
