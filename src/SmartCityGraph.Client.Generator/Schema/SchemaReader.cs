using System.Collections.Generic;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Documents;

namespace SmartCityGraph.Client.Generator.Schema;

/// <summary>Turns a parsed SDL document into a <see cref="GraphQLSchema"/>, reporting what does not add up.</summary>
internal static class SchemaReader
{
    private static readonly string[] BuiltInScalars = { "Int", "Float", "String", "Boolean", "ID" };

    public static GraphQLSchema? Read(ParsedDocument schemaDocument, DiagnosticSink diagnostics)
    {
        var types = new Dictionary<string, SchemaType>();
        foreach (var scalar in BuiltInScalars)
        {
            types[scalar] = new SchemaType(scalar, SchemaTypeKind.Scalar, null);
        }

        string? query = null, mutation = null, subscription = null;
        var extensions = new List<ASTNode>();
        foreach (var definition in schemaDocument.Document.Definitions)
        {
            switch (definition)
            {
                case GraphQLSchemaDefinition schema:
                    foreach (var operationType in schema.OperationTypes)
                    {
                        var name = operationType.Type!.Name.StringValue;
                        switch (operationType.Operation)
                        {
                            case OperationType.Query: query = name; break;
                            case OperationType.Mutation: mutation = name; break;
                            case OperationType.Subscription: subscription = name; break;
                        }
                    }

                    break;
                case GraphQLTypeDefinition typeDefinition when Create(typeDefinition) is { } type:
                    if (types.ContainsKey(type.Name) && System.Array.IndexOf(BuiltInScalars, type.Name) < 0)
                    {
                        diagnostics.Report(Diagnostics.InvalidSchema, schemaDocument.File.LocationOf(definition), "the type '" + type.Name + "' is defined twice");
                    }

                    types[type.Name] = type;
                    AddMembers(type, definition);
                    break;
                case GraphQLObjectTypeExtension or GraphQLInterfaceTypeExtension or GraphQLEnumTypeExtension
                    or GraphQLInputObjectTypeExtension or GraphQLUnionTypeExtension:
                    extensions.Add(definition);
                    break;
            }
        }

        foreach (var extension in extensions)
        {
            var name = ((INamedNode)extension).Name.StringValue;
            if (types.TryGetValue(name, out var type))
            {
                AddMembers(type, extension);
            }
            else
            {
                diagnostics.Report(Diagnostics.InvalidSchema, schemaDocument.File.LocationOf(extension), "'extend type " + name + "' extends a type that is not defined");
            }
        }

        query ??= types.ContainsKey("Query") ? "Query" : null;
        mutation ??= types.ContainsKey("Mutation") ? "Mutation" : null;
        subscription ??= types.ContainsKey("Subscription") ? "Subscription" : null;
        if (query is null)
        {
            diagnostics.Report(Diagnostics.InvalidSchema, schemaDocument.File.LocationOf(null), "it defines no query type");
            return null;
        }

        var schemaModel = new GraphQLSchema(types, query, mutation, subscription);
        return CheckReferences(schemaModel, schemaDocument, diagnostics) ? schemaModel : null;
    }

    private static SchemaType? Create(GraphQLTypeDefinition definition)
    {
        var name = definition.Name.StringValue;
        var description = definition.Description?.Value.ToString();
        return definition switch
        {
            GraphQLScalarTypeDefinition => new SchemaType(name, SchemaTypeKind.Scalar, description),
            GraphQLObjectTypeDefinition => new SchemaType(name, SchemaTypeKind.Object, description),
            GraphQLInterfaceTypeDefinition => new SchemaType(name, SchemaTypeKind.Interface, description),
            GraphQLUnionTypeDefinition => new SchemaType(name, SchemaTypeKind.Union, description),
            GraphQLEnumTypeDefinition => new SchemaType(name, SchemaTypeKind.Enum, description),
            GraphQLInputObjectTypeDefinition => new SchemaType(name, SchemaTypeKind.InputObject, description),
            _ => null,
        };
    }

    private static void AddMembers(SchemaType type, ASTNode definition)
    {
        switch (definition)
        {
            case IHasFieldsDefinitionNode withFields:
                foreach (var field in withFields.Fields?.Items ?? new List<GraphQLFieldDefinition>())
                {
                    type.Fields.Add(new FieldDefinition(
                        field.Name.StringValue,
                        TypeRef.From(field.Type),
                        ReadInputValues(field.Arguments?.Items),
                        field.Description?.Value.ToString()));
                }

                break;
        }

        if (definition is IHasInterfacesNode withInterfaces && withInterfaces.Interfaces is { } interfaces)
        {
            foreach (var implemented in interfaces.Items)
            {
                type.Interfaces.Add(implemented.Name.StringValue);
            }
        }

        switch (definition)
        {
            case GraphQLUnionTypeDefinition { Types: { } members }:
                AddUnionMembers(type, members);
                break;
            case GraphQLUnionTypeExtension { Types: { } members }:
                AddUnionMembers(type, members);
                break;
            case GraphQLEnumTypeDefinition { Values: { } values }:
                AddEnumValues(type, values);
                break;
            case GraphQLEnumTypeExtension { Values: { } values }:
                AddEnumValues(type, values);
                break;
            case GraphQLInputObjectTypeDefinition { Fields: { } fields }:
                type.InputFields.AddRange(ReadInputValues(fields.Items));
                break;
            case GraphQLInputObjectTypeExtension { Fields: { } fields }:
                type.InputFields.AddRange(ReadInputValues(fields.Items));
                break;
        }
    }

    private static void AddUnionMembers(SchemaType type, GraphQLUnionMemberTypes members)
    {
        foreach (var member in members.Items)
        {
            type.UnionMembers.Add(member.Name.StringValue);
        }
    }

    private static void AddEnumValues(SchemaType type, GraphQLEnumValuesDefinition values)
    {
        foreach (var value in values.Items)
        {
            type.EnumValues.Add(value.Name.StringValue);
        }
    }

    private static List<InputValue> ReadInputValues(List<GraphQLInputValueDefinition>? definitions)
    {
        var values = new List<InputValue>();
        foreach (var definition in definitions ?? new List<GraphQLInputValueDefinition>())
        {
            values.Add(new InputValue(definition.Name.StringValue, TypeRef.From(definition.Type), definition.DefaultValue is not null, definition.Description?.Value.ToString()));
        }

        return values;
    }

    /// <summary>Every type a field, argument or interface names must be defined.</summary>
    private static bool CheckReferences(GraphQLSchema schema, ParsedDocument document, DiagnosticSink diagnostics)
    {
        var ok = true;
        void Require(string name, string usedBy)
        {
            if (schema.Find(name) is null)
            {
                ok = false;
                diagnostics.Report(Diagnostics.InvalidSchema, document.File.LocationOf(null), usedBy + " names the undefined type '" + name + "'");
            }
        }

        foreach (var type in schema.Types.Values)
        {
            foreach (var field in type.Fields)
            {
                Require(field.Type.NamedType, type.Name + "." + field.Name);
                foreach (var argument in field.Arguments)
                {
                    Require(argument.Type.NamedType, type.Name + "." + field.Name + "(" + argument.Name + ")");
                }
            }

            foreach (var name in type.Interfaces)
            {
                Require(name, type.Name);
            }

            foreach (var name in type.UnionMembers)
            {
                Require(name, type.Name);
            }

            foreach (var field in type.InputFields)
            {
                Require(field.Type.NamedType, type.Name + "." + field.Name);
            }
        }

        return ok;
    }
}
