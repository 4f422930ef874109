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

        code.Line("_ => throw JsonValues.UnexpectedEnumValue(value, " + Naming.Literal(type.Name) + "),");
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

    /// <summary>An input object as an immutable record; non-null fields without default are required.</summary>
    private static void EmitInputObject(CodeWriter code, SchemaType type, TypeMapper types)
    {
        var name = Naming.Pascal(type.Name);
        Summary(code, type.Description);
        code.Line(Generated);
        code.Open("public sealed partial record " + name);
        foreach (var field in type.InputFields)
        {
            var required = field.IsRequired ? "required " : string.Empty;
            code.Line("public " + required + types.CSharpType(field.Type) + " " + Naming.Pascal(field.Name) + " { get; init; }");
            code.Line();
        }

        code.Open("internal void WriteTo(Utf8JsonWriter writer)");
        code.Line("writer.WriteStartObject();");
        foreach (var field in type.InputFields)
        {
            var property = Naming.Pascal(field.Name);
            if (field.Type.IsNonNull)
            {
                code.Line("writer.WritePropertyName(" + Naming.Literal(field.Name) + ");");
                types.WriteStatements(code, field.Type, property, 0);
                continue;
            }

            // Left out when null, so the server's default applies.
            code.Open("if (" + property + " is { } " + Naming.Parameter(field.Name).TrimStart('@') + "Value)");
            code.Line("writer.WritePropertyName(" + Naming.Literal(field.Name) + ");");
            types.WriteStatements(code, TypeRef.NonNull(field.Type), Naming.Parameter(field.Name).TrimStart('@') + "Value", 0);
            code.Close();
        }

        code.Line("writer.WriteEndObject();");
        code.Close();
        code.Close();
        code.Line();
    }

    private static void Summary(CodeWriter code, string? description)
    {
        if (!string.IsNullOrWhiteSpace(description))
        {
            code.Line("/// <summary>" + System.Security.SecurityElement.Escape(description!.Trim()).Replace("\n", " ") + "</summary>");
        }
    }
}
