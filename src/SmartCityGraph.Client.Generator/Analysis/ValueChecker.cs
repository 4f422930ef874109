using System.Linq;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Documents;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Analysis;

/// <summary>Checks an argument's value (a literal or a variable) against the type the schema expects.</summary>
internal sealed class ValueChecker
{
    private readonly GraphQLSchema _schema;
    private readonly DiagnosticSink _diagnostics;
    private readonly OperationScope _scope;
    private readonly SourceFile _file;

    public ValueChecker(GraphQLSchema schema, DiagnosticSink diagnostics, OperationScope scope, SourceFile file)
    {
        _schema = schema;
        _diagnostics = diagnostics;
        _scope = scope;
        _file = file;
    }

    /// <param name="subject">Who expects the value, for the message: "The argument 'id' of 'Query.node'".</param>
    /// <param name="locationHasDefault">A nullable variable may feed a non-null argument that has a default.</param>
    public void Check(GraphQLValue value, TypeRef expected, string subject, bool locationHasDefault)
    {
        if (value is GraphQLVariable variable)
        {
            CheckVariable(variable, expected, subject, locationHasDefault);
            return;
        }

        if (Problem(value, expected) is { } problem)
        {
            _diagnostics.Report(Diagnostics.WrongArgumentType, _file.LocationOf(value), subject, expected.ToString(), problem);
        }
    }

    private void CheckVariable(GraphQLVariable variable, TypeRef expected, string subject, bool locationHasDefault)
    {
        var name = variable.Name.StringValue;
        _scope.UsedVariables.Add(name);
        if (_scope.InvalidVariables.Contains(name))
        {
            return;
        }

        var declared = _scope.Variables.FirstOrDefault(v => v.Name == name);
        if (declared is null)
        {
            _diagnostics.Report(Diagnostics.UndeclaredVariable, _file.LocationOf(variable), name, _scope.OperationName);
            return;
        }

        var type = declared.Type;
        if (expected.IsNonNull && !type.IsNonNull && (declared.HasDefault || locationHasDefault))
        {
            type = TypeRef.NonNull(type);
        }

        if (!Fits(type, expected))
        {
            _diagnostics.Report(Diagnostics.WrongArgumentType, _file.LocationOf(variable), subject, expected.ToString(), "the variable $" + name + " of type '" + declared.Type + "'");
        }
    }

    /// <summary>Records the variables inside a value the generator does not check (an unknown directive's argument).</summary>
    public void MarkVariablesUsed(GraphQLValue value)
    {
        switch (value)
        {
            case GraphQLVariable variable:
                _scope.UsedVariables.Add(variable.Name.StringValue);
                break;
            case GraphQLListValue { Values: { } values }:
                foreach (var item in values)
                {
                    MarkVariablesUsed(item);
                }

                break;
            case GraphQLObjectValue { Fields: { } fields }:
                foreach (var field in fields)
                {
                    MarkVariablesUsed(field.Value);
                }

                break;
        }
    }

    /// <summary>The spec's "AreTypesCompatible": may a variable of <paramref name="variable"/> be used where <paramref name="location"/> is expected?</summary>
    private static bool Fits(TypeRef variable, TypeRef location)
    {
        if (location.IsNonNull)
        {
            return variable.IsNonNull && Fits(variable.OfType!, location.OfType!);
        }

        if (variable.IsNonNull)
        {
            return Fits(variable.OfType!, location);
        }

        if (location.IsList || variable.IsList)
        {
            return location.IsList && variable.IsList && Fits(variable.OfType!, location.OfType!);
        }

        return variable.Name == location.Name;
    }

    /// <summary>What is wrong with a literal for the expected type, or null when it fits.</summary>
    private string? Problem(GraphQLValue value, TypeRef expected)
    {
        if (value is GraphQLVariable variable)
        {
            CheckVariable(variable, expected, "A value inside an argument", locationHasDefault: false);
            return null;
        }

        if (value is GraphQLNullValue)
        {
            return expected.IsNonNull ? "null" : null;
        }

        if (expected.IsNonNull)
        {
            return Problem(value, expected.OfType!);
        }

        if (expected.IsList)
        {
            return value is GraphQLListValue list
                ? (list.Values ?? new System.Collections.Generic.List<GraphQLValue>()).Select(v => Problem(v, expected.OfType!)).FirstOrDefault(p => p is not null)
                : Problem(value, expected.OfType!);
        }

        var type = _schema.Find(expected.Name!)!;
        var shown = "the value " + Shown(value);
        switch (type.Kind)
        {
            case SchemaTypeKind.Enum:
                return value is GraphQLEnumValue enumValue && type.EnumValues.Contains(enumValue.Name.StringValue) ? null : shown;
            case SchemaTypeKind.InputObject:
                return InputObjectProblem(value, type, shown);
            case SchemaTypeKind.Scalar:
                return ScalarFits(type.Name, value) ? null : shown;
            default:
                return shown;
        }
    }

    private string? InputObjectProblem(GraphQLValue value, SchemaType type, string shown)
    {
        if (value is not GraphQLObjectValue objectValue)
        {
            return shown;
        }

        var given = objectValue.Fields ?? new System.Collections.Generic.List<GraphQLObjectField>();
        foreach (var field in given)
        {
            var definition = type.InputFields.FirstOrDefault(f => f.Name == field.Name.StringValue);
            if (definition is null)
            {
                return shown + " (" + type.Name + " has no field '" + field.Name.StringValue + "')";
            }

            if (Problem(field.Value, definition.Type) is { } problem)
            {
                return problem + " for its field '" + definition.Name + "'";
            }
        }

        var missing = type.InputFields.FirstOrDefault(f => f.IsRequired && !given.Any(g => g.Name.StringValue == f.Name));
        return missing is null ? null : shown + " (it lacks the required field '" + missing.Name + "')";
    }

    private static bool ScalarFits(string scalar, GraphQLValue value) => scalar switch
    {
        "Int" => value is GraphQLIntValue,
        "Float" => value is GraphQLIntValue or GraphQLFloatValue,
        "String" => value is GraphQLStringValue,
        "Boolean" => value is GraphQLBooleanValue,
        "ID" => value is GraphQLStringValue or GraphQLIntValue,
        // Custom scalars (Date, DateTime, ...) travel as strings.
        _ => value is GraphQLStringValue or GraphQLIntValue or GraphQLFloatValue or GraphQLBooleanValue,
    };

    private string Shown(GraphQLValue value)
    {
        var start = value.Location.Start;
        var end = value.Location.End;
        return end > start && end <= _file.Text.Length ? _file.Text.Substring(start, end - start) : value.Kind.ToString();
    }
}
