using System.Collections.Generic;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Documents;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Analysis;

/// <summary>A validated operation: what the emitter turns into a typed method and result types.</summary>
internal sealed class OperationModel
{
    public OperationModel(string name, OperationType kind, IReadOnlyList<VariableModel> variables, SelectionSetModel root, string document, SourceFile file)
    {
        Name = name;
        Kind = kind;
        Variables = variables;
        Root = root;
        Document = document;
        File = file;
    }

    public string Name { get; }

    public OperationType Kind { get; }

    /// <summary>In declaration order: the order of ExecuteAsync's parameters.</summary>
    public IReadOnlyList<VariableModel> Variables { get; }

    public SelectionSetModel Root { get; }

    /// <summary>The text sent to the server: the operation, the fragments it uses, and __typename where the client needs it.</summary>
    public string Document { get; }

    public SourceFile File { get; }
}

internal sealed class VariableModel
{
    public VariableModel(string name, TypeRef type, bool hasDefault)
    {
        Name = name;
        Type = type;
        HasDefault = hasDefault;
    }

    public string Name { get; }

    public TypeRef Type { get; }

    public bool HasDefault { get; }
}

/// <summary>
/// A selection set against a composite type: the fields every value has, and, on an interface or
/// union, the fields selected only for values of some type (inline fragments, fragment spreads).
/// </summary>
internal sealed class SelectionSetModel
{
    public SelectionSetModel(string typeName, bool isAbstract, IReadOnlyList<FieldModel> fields, IReadOnlyList<ConditionModel> conditions, IReadOnlyList<FragmentInterfaceModel> fragments)
    {
        TypeName = typeName;
        IsAbstract = isAbstract;
        Fields = fields;
        Conditions = conditions;
        Fragments = fragments;
    }

    public string TypeName { get; }

    public bool IsAbstract { get; }

    public IReadOnlyList<FieldModel> Fields { get; }

    public IReadOnlyList<ConditionModel> Conditions { get; }

    /// <summary>The named fragments spread here for every value, whose interfaces the result interface extends.</summary>
    public IReadOnlyList<FragmentInterfaceModel> Fragments { get; }
}

/// <summary>The fields selected for values of <see cref="TypeName"/> only.</summary>
internal sealed class ConditionModel
{
    public ConditionModel(string typeName, IReadOnlyList<FieldModel> fields, IReadOnlyList<FragmentInterfaceModel> fragments)
    {
        TypeName = typeName;
        Fields = fields;
        Fragments = fragments;
    }

    public string TypeName { get; }

    public IReadOnlyList<FieldModel> Fields { get; }

    public IReadOnlyList<FragmentInterfaceModel> Fragments { get; }
}

/// <summary>
/// A named fragment of scalar and enum fields only: it becomes an interface (<c>IEntityRef</c>) that
/// every result type spreading it implements, so code can take "anything with an EntityRef".
/// </summary>
internal sealed class FragmentInterfaceModel
{
    public FragmentInterfaceModel(string name, string typeCondition, IReadOnlyList<FieldModel> fields)
    {
        Name = name;
        TypeCondition = typeCondition;
        Fields = fields;
    }

    public string Name { get; }

    public string TypeCondition { get; }

    public IReadOnlyList<FieldModel> Fields { get; }
}

/// <summary>What the analysis hands the emitters.</summary>
internal sealed class AnalysisResult
{
    public AnalysisResult(IReadOnlyList<OperationModel> operations, IReadOnlyList<FragmentInterfaceModel> fragmentInterfaces)
    {
        Operations = operations;
        FragmentInterfaces = fragmentInterfaces;
    }

    public IReadOnlyList<OperationModel> Operations { get; }

    public IReadOnlyList<FragmentInterfaceModel> FragmentInterfaces { get; }
}

internal sealed class FieldModel
{
    public FieldModel(string responseName, FieldDefinition definition, TypeRef type, SelectionSetModel? selection)
    {
        ResponseName = responseName;
        Definition = definition;
        Type = type;
        Selection = selection;
    }

    /// <summary>The alias, or the field name: the key in the response.</summary>
    public string ResponseName { get; }

    public FieldDefinition Definition { get; }

    /// <summary>The field's type, made nullable when @include/@skip may leave it out.</summary>
    public TypeRef Type { get; }

    public SelectionSetModel? Selection { get; }
}
