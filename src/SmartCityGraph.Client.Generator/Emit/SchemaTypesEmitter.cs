using System.Linq;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>Writes the enums and input objects the operations use, with their JSON (de)serializers.</summary>
internal static class SchemaTypesEmitter
{
    private const string Generated = "[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]";

    public static GeneratedFile? Emit(GraphQLSchema schema, TypeMapper types, string ns, string clientName)
    {
        if (types.UsedEnums.Count == 0 && types.UsedInputObjects.Count == 0)
        {
            return null;
        }

        var code = GeneratedFileHeader.Start(ns);
        foreach (var name in types.UsedInputObjects.ToList())
        {
            EmitInputObject(code, schema.Find(name)!, types);
        }

        // Input objects may name further enums: write enums last, when all are known.
        foreach (var name in types.UsedEnums.ToList())
        {
            EmitEnum(code, schema.Find(name)!);
        }

        return new GeneratedFile(clientName + ".SchemaTypes.g.cs", code.ToString().TrimEnd('\n') + "\n");
    }

    /// <summary>The member every generated enum has for values its schema does not know.</summary>
    public const string UnknownMember = "Unknown__";

    private static void EmitEnum(CodeWriter code, SchemaType type)
    {
        var name = Naming.Pascal(type.Name);
        Summary(code, type.Description);
        code.Line(Generated);
        code.Open("public enum " + name);
        foreach (var value in type.EnumValues)
        {
            code.Line(Naming.Pascal(value) + ",");
        }

        // A newer server may send a value this client's schema lacks: it reads as this member instead of
        // failing the whole result. Pascal names never end in "_", so no schema value can take the name.
        code.Line("/// <summary>A value the client's schema does not know (sent by a newer server); regenerate the client to tell it apart. It cannot be sent.</summary>");
        code.Line(UnknownMember + ",");
        code.Close();
        code.Line();

        code.Line("/// <summary>Reads and writes " + name + " as the GraphQL names (" + string.Join(", ", type.EnumValues.Take(3)) + (type.EnumValues.Count > 3 ? ", …" : string.Empty) + ").</summary>");
        code.Line(Generated);
        code.Open("public static class " + name + "Serializer");
        code.Open("public static " + name + " Parse(string value) => value switch");
        foreach (var value in type.EnumValues)
        {
            code.Line(Naming.Literal(value) + " => " + name + "." + Naming.Pascal(value) + ",");
        }

        code.Line("_ => " + name + "." + UnknownMember + ",");
        code.Close(";");
        code.Line();
        code.Open("public static string Serialize(" + name + " value) => value switch");
        foreach (var value in type.EnumValues)
        {
            code.Line(name + "." + Naming.Pascal(value) + " => " + Naming.Literal(value) + ",");
        }

        code.Line("_ => throw new ArgumentOutOfRangeException(nameof(value), value, \"Not a value of the GraphQL enum " + type.Name + ".\"),");
        code.Close(";");
        code.Close();
        code.Line();
    }

    /// <summary>
    /// An input object as an immutable record. A field the server must get (non-null, no default) is a
    /// required property; every other one is nullable and left out of the request while null — never
    /// sent as null, because a null operand means something to many servers (<c>eq: null</c> is "has no
    /// value"), so a filter that sets only <c>category</c> must not also send <c>startDate: null</c>.
    /// </summary>
    private static void EmitInputObject(CodeWriter code, SchemaType type, TypeMapper types)
    {
        var name = Naming.Pascal(type.Name);
        Summary(code, type.Description, "Properties left null are not sent.");
        code.Line(Generated);
        code.Open("public sealed partial record " + name);
        foreach (var field in type.InputFields)
        {
            Summary(code, field.Description);
            var propertyType = field.IsRequired ? types.CSharpType(field.Type) : types.CSharpType(field.Type.Nullable);
            var required = field.IsRequired ? "required " : string.Empty;
            code.Line("public " + required + propertyType + " " + PropertyName(type, field) + " { get; init; }");
            code.Line();
        }

        code.Open("internal void WriteTo(Utf8JsonWriter writer)");
        code.Line("writer.WriteStartObject();");
        foreach (var field in type.InputFields)
        {
            var property = PropertyName(type, field);
            if (field.IsRequired)
            {
                code.Line("writer.WritePropertyName(" + Naming.Literal(field.Name) + ");");
                types.WriteStatements(code, field.Type, property, 0);
                continue;
            }

            var local = Naming.Parameter(field.Name).TrimStart('@') + "Value";
            code.Open("if (" + property + " is { } " + local + ")");
            code.Line("writer.WritePropertyName(" + Naming.Literal(field.Name) + ");");
            types.WriteStatements(code, TypeRef.NonNull(field.Type), local, 0);
            code.Close();
        }

        code.Line("writer.WriteEndObject();");
        code.Close();
        code.Close();
        code.Line();
    }

    /// <summary>
    /// The field's property: "startDate" → StartDate, with "Value" appended when that name is taken
    /// by the record itself (C# forbids a member named like its type) or by a member every record has.
    /// </summary>
    private static string PropertyName(SchemaType type, InputValue field)
    {
        var name = Naming.Pascal(field.Name);
        return name == Naming.Pascal(type.Name) || ReservedMembers.Contains(name) ? name + "Value" : name;
    }

    private static readonly string[] ReservedMembers =
        { "WriteTo", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize" };

    private static void Summary(CodeWriter code, string? description, string? note = null)
    {
        var text = string.Join(" ", new[] { description?.Trim(), note }.Where(part => !string.IsNullOrEmpty(part)));
        if (text.Length > 0)
        {
            code.Line("/// <summary>" + System.Security.SecurityElement.Escape(text).Replace("\n", " ") + "</summary>");
        }
    }
}
