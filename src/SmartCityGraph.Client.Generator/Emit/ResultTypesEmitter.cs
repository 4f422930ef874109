using System.Collections.Generic;
using System.Linq;
using SmartCityGraph.Client.Generator.Analysis;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>
/// Writes an operation's result types, named Strawberry-Shake style by their path
/// (<c>IGetPilots_Pilots_Nodes</c>): an interface per selection, an immutable record per object
/// type, and for a selection on an interface or union an interface per type condition
/// (<c>IGetNode_Node_Event</c>) that the matching records implement. Also writes the reader that
/// builds them from the response's JSON.
/// </summary>
internal sealed class ResultTypesEmitter
{
    private readonly GraphQLSchema _schema;
    private readonly TypeMapper _types;
    private readonly NameRegistry _names;
    private readonly CodeWriter _typesCode = new();
    private readonly CodeWriter _readerCode = new();

    public ResultTypesEmitter(GraphQLSchema schema, TypeMapper types, NameRegistry names)
    {
        _schema = schema;
        _types = types;
        _names = names;
    }

    /// <summary>Writes the result types and the reader class; returns the root interface's name.</summary>
    public string Emit(OperationModel operation, CodeWriter code, string readerClass)
    {
        var rootName = _names.Reserve(operation.Name + "Result");
        EmitObject(operation.Root, rootName, operation.Name);

        code.Lines(_typesCode.ToString());
        code.Line();
        code.Line("/// <summary>Builds the results of " + operation.Name + " from the response's JSON.</summary>");
        code.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]");
        code.Open("internal static class " + readerClass);
        code.Line("public static I" + rootName + " Read(JsonElement data) => Read" + rootName + "(data);");
        code.Lines(_readerCode.ToString());
        code.Close();
        return "I" + rootName;
    }

    /// <summary>An object type's selection: its interface, its record and the record's reader.</summary>
    private void EmitObject(SelectionSetModel selection, string name, string childPath)
    {
        var properties = Properties(selection.Fields, childPath);
        EmitInterface("I" + name, new List<string>(), properties, selection.Fragments);
        EmitRecord(name, new[] { "I" + name }, properties);
    }

    private string EmitField(FieldModel field, string path)
    {
        var selection = field.Selection!;
        var name = _names.Reserve(path);
        if (!selection.IsAbstract)
        {
            EmitObject(selection, name, name);
        }
        else
        {
            EmitAbstract(selection, name);
        }

        return "I" + name;
    }

    /// <summary>An interface or union selection: base interface, one per type condition, a record per possible type.</summary>
    private void EmitAbstract(SelectionSetModel selection, string name)
    {
        var baseProperties = Properties(selection.Fields, name);
        EmitInterface("I" + name, new List<string>(), baseProperties, selection.Fragments);

        var conditions = new List<(ConditionModel Condition, string Name, List<Property> Properties)>();
        foreach (var condition in selection.Conditions)
        {
            var conditionName = _names.Reserve(name + "_" + Naming.Pascal(condition.TypeName));
            var properties = Properties(condition.Fields, conditionName);
            EmitInterface("I" + conditionName, new List<string> { "I" + name }, properties, condition.Fragments);
            conditions.Add((condition, conditionName, properties));
        }

        var cases = new List<(string TypeName, string Record)>();
        foreach (var possible in _schema.PossibleTypes(selection.TypeName))
        {
            var applicable = conditions.Where(c => _schema.IsSubtypeOf(possible.Name, c.Condition.TypeName)).ToList();
            var exact = applicable.FirstOrDefault(c => c.Condition.TypeName == possible.Name);
            var recordName = exact.Name ?? _names.Reserve(name + "_" + Naming.Pascal(possible.Name));
            var interfaces = new List<string> { "I" + name };
            interfaces.AddRange(applicable.Select(c => "I" + c.Name));
            var properties = new List<Property>(baseProperties);
            foreach (var property in applicable.SelectMany(c => c.Properties))
            {
                if (properties.All(p => p.ResponseName != property.ResponseName))
                {
                    properties.Add(property);
                }
            }

            EmitRecord(recordName, interfaces, properties);
            cases.Add((possible.Name, recordName));
        }

        // A type the client's schema does not know (a newer server's new kind): only the fields selected on the
        // interface or union itself, so the result still reads; no type condition matches it.
        var unknownRecord = _names.Reserve(name + "_" + SchemaTypesEmitter.UnknownMember);
        EmitRecord(unknownRecord, new[] { "I" + name }, baseProperties);

        _readerCode.Line();
        _readerCode.Open("private static I" + name + " Read" + name + "(JsonElement json)");
        _readerCode.Line("var typeName = JsonValues.TypeName(json);");
        _readerCode.Open("return typeName switch");
        foreach (var (typeName, record) in cases)
        {
            _readerCode.Line(Naming.Literal(typeName) + " => Read" + record + "(json),");
        }

        _readerCode.Line("_ => Read" + unknownRecord + "(json),");
        _readerCode.Close(";");
        _readerCode.Close();
    }

    private List<Property> Properties(IReadOnlyList<FieldModel> fields, string childPath)
    {
        var properties = new List<Property>();
        foreach (var field in fields)
        {
            var compositeName = field.Selection is null ? null : EmitField(field, childPath + "_" + Naming.Pascal(field.ResponseName));
            var type = _types.CSharpType(field.Type, compositeName);
            var json = "JsonValues.Field(json, " + Naming.Literal(field.ResponseName) + ")";
            var read = _types.ReadExpression(field.Type, json, 0, j => "Read" + compositeName!.Substring(1) + "(" + j + ")");
            properties.Add(new Property(field.ResponseName, Naming.Pascal(field.ResponseName), type, read, field.Definition.Description));
        }

        return properties;
    }

    /// <summary>
    /// A result interface. It extends the interfaces of the fragments spread into it (and leaves their
    /// properties to them) when every fragment field is one of its own properties with the same type,
    /// and no two fragments share a field: otherwise a property would be ambiguous.
    /// </summary>
    private void EmitInterface(string name, List<string> bases, List<Property> properties, IReadOnlyList<FragmentInterfaceModel> fragments)
    {
        var covered = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var fragment in fragments)
        {
            var fits = fragment.Fields.All(f =>
                !covered.Contains(f.ResponseName)
                && properties.Any(p => p.ResponseName == f.ResponseName && p.Type == _types.CSharpType(f.Type)));
            if (fits)
            {
                bases.Add("I" + fragment.Name);
                covered.UnionWith(fragment.Fields.Select(f => f.ResponseName));
            }
        }

        _typesCode.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]");
        _typesCode.Open("public partial interface " + name + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty));
        foreach (var property in properties.Where(p => !covered.Contains(p.ResponseName)))
        {
            _typesCode.Line(property.Type + " " + property.Name + " { get; }");
        }

        _typesCode.Close();
        _typesCode.Line();
    }

    private void EmitRecord(string name, IReadOnlyList<string> interfaces, List<Property> properties)
    {
        _typesCode.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]");
        if (properties.Count == 0)
        {
            _typesCode.Line("public sealed partial record " + name + " : " + string.Join(", ", interfaces) + ";");
        }
        else
        {
            _typesCode.Line("public sealed partial record " + name + "(");
            for (var i = 0; i < properties.Count; i++)
            {
                var last = i == properties.Count - 1;
                _typesCode.Line("    " + properties[i].Type + " " + properties[i].Name + (last ? ") : " + string.Join(", ", interfaces) + ";" : ","));
            }
        }

        _typesCode.Line();

        _readerCode.Line();
        _readerCode.Open("private static " + name + " Read" + name + "(JsonElement json)");
        if (properties.Count == 0)
        {
            _readerCode.Line("return new " + name + "();");
        }
        else
        {
            _readerCode.Line("return new " + name + "(");
            for (var i = 0; i < properties.Count; i++)
            {
                _readerCode.Line("    " + properties[i].Read + (i == properties.Count - 1 ? ");" : ","));
            }
        }

        _readerCode.Close();
    }

    private sealed record Property(string ResponseName, string Name, string Type, string Read, string? Description);
}
