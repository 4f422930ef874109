using System.Collections.Generic;
using System.Linq;
using System.Text;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Analysis;
using SmartCityGraph.Client.Generator.Schema;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>
/// Writes one operation: <c>IGetPilotsQuery</c> with <c>ExecuteAsync(variables..., ct)</c>, its
/// implementation holding the document, and the result types.
/// </summary>
internal static class OperationEmitter
{
    private const string Generated = "[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]";

    public static GeneratedFile Emit(OperationModel operation, GraphQLSchema schema, TypeMapper types, string ns, string clientName, bool watchable)
    {
        var names = new NameRegistry();
        var className = names.Reserve(OperationClassName(operation));
        var readerClass = names.Reserve(operation.Name + "ResultReader");
        var code = GeneratedFileHeader.Start(ns);

        var variablesType = operation.Variables.Count == 0 ? null : names.Reserve(operation.Name + "Variables");
        var resultCode = new CodeWriter();
        var resultInterface = new ResultTypesEmitter(schema, types, names).Emit(operation, resultCode, readerClass);
        var resultType = "IOperationResult<" + resultInterface + ">";
        var parameters = Parameters(operation.Variables, types) + "CancellationToken cancellationToken = default";

        var isSubscription = operation.Kind == OperationType.Subscription;
        // A subscription yields a result per event over the client's WebSocket; the others answer once over HTTP.
        var returnType = isSubscription ? "IAsyncEnumerable<" + resultType + ">" : "Task<" + resultType + ">";
        var method = isSubscription ? "SubscribeAsync" : "ExecuteAsync";
        var executorType = isSubscription ? "IGraphQLSubscriptionExecutor" : "IGraphQLExecutor";
        var watch = watchable && operation.Kind == OperationType.Query;
        var watchParameters = Parameters(operation.Variables, types).TrimEnd(' ', ',');
        code.Line("/// <summary>The " + operation.Kind.ToString().ToLowerInvariant() + " " + operation.Name + " (" + System.IO.Path.GetFileName(operation.File.Path) + ").</summary>");
        code.Line(Generated);
        code.Open("public partial interface I" + className);
        code.Line(returnType + " " + method + "(" + parameters + ");");
        if (variablesType is not null)
        {
            code.Line();
            code.Line("/// <summary>Runs the " + operation.Kind.ToString().ToLowerInvariant() + " with the variables set in <paramref name=\"variables\"/>: one set to null is sent as null, one not set is left out.</summary>");
            code.Line(returnType + " " + method + "(" + variablesType + " variables, CancellationToken cancellationToken = default);");
        }

        if (watch)
        {
            code.Line();
            code.Line("/// <summary>");
            code.Line("/// The query's result now and again whenever an entity in it, or a relation from or to one, changes (over the");
            code.Line("/// client's WebSocket, without a gap: see <see cref=\"GraphQLWatch\"/>). Dispose the subscription to stop.");
            code.Line("/// </summary>");
            code.Line("IObservable<" + resultType + "> Watch(" + watchParameters + ");");
        }
        code.Close();
        code.Line();

        code.Line(Generated);
        code.Open("public sealed partial class " + className + " : I" + className);
        code.Line("public const string OperationName = " + Naming.Literal(operation.Name) + ";");
        code.Line();
        code.Line("/// <summary>The document sent to the server.</summary>");
        code.Line("public const string Document = @\"" + operation.Document.Replace("\"", "\"\"") + "\";");
        code.Line();
        code.Line("/// <summary>The id the server knows <see cref=\"Document\"/> by, when it loaded this client's persisted-document manifest.</summary>");
        code.Line("public const string DocumentId = " + Naming.Literal(PersistedDocumentsEmitter.IdOf(operation.Document)) + ";");
        code.Line();
        code.Line("private readonly " + executorType + " _executor;");
        if (watch)
        {
            code.Line("private readonly IGraphQLSubscriptionExecutor? _changes;");
            code.Line();
            code.Open("public " + className + "(" + executorType + " executor, IGraphQLSubscriptionExecutor? changes = null)");
            code.Line("_executor = executor;");
            code.Line("_changes = changes;");
            code.Close();
        }
        else
        {
            code.Line();
            code.Line("public " + className + "(" + executorType + " executor) => _executor = executor;");
        }
        code.Line();
        code.Open("public " + returnType + " " + method + "(" + parameters + ")");
        code.Line("var request = CreateRequest(" + string.Join(", ", operation.Variables.Select(v => Naming.Parameter(v.Name))) + ");");
        code.Line("return _executor." + (isSubscription ? "SubscribeAsync" : "ExecuteAsync") + "<" + resultInterface + ">(request, " + readerClass + ".Read, cancellationToken);");
        code.Close();
        code.Line();
        if (variablesType is not null)
        {
            code.Open("public " + returnType + " " + method + "(" + variablesType + " variables, CancellationToken cancellationToken = default)");
            code.Line("variables.Validate();");
            code.Line("var request = new GraphQLOperationRequest(OperationName, Document, variables.WriteTo) { DocumentId = DocumentId };");
            code.Line("return _executor." + method + "<" + resultInterface + ">(request, " + readerClass + ".Read, cancellationToken);");
            code.Close();
            code.Line();
        }

        if (watch)
        {
            code.Open("public IObservable<" + resultType + "> Watch(" + watchParameters + ")");
            code.Line("var request = CreateRequest(" + string.Join(", ", operation.Variables.Select(v => Naming.Parameter(v.Name))) + ");");
            code.Line("return GraphQLWatch.Watch<" + resultInterface + ">(_executor, _changes ?? throw new InvalidOperationException(\"Watch() needs the client's subscription executor.\"), request, " + readerClass + ".Read);");
            code.Close();
            code.Line();
        }
        code.Open("private static GraphQLOperationRequest CreateRequest(" + watchParameters + ")");
        foreach (var variable in operation.Variables.Where(v => !IsOptional(v) && !types.IsValueType(v.Type)))
        {
            code.Line("ArgumentNullException.ThrowIfNull(" + Naming.Parameter(variable.Name) + ");");
        }

        if (operation.Variables.Count == 0)
        {
            code.Line("return new GraphQLOperationRequest(OperationName, Document, null) { DocumentId = DocumentId };");
        }
        else
        {
            code.Open("return new GraphQLOperationRequest(OperationName, Document, writer =>");
            foreach (var variable in operation.Variables)
            {
                WriteVariable(code, types, variable);
            }

            code.Close(") { DocumentId = DocumentId };");
        }

        code.Close();
        code.Close();
        code.Line();
        if (variablesType is not null)
        {
            EmitVariables(code, operation, types, variablesType);
        }

        code.Lines(resultCode.ToString());
        return new GeneratedFile(clientName + "." + operation.Name + ".g.cs", code.ToString());
    }

    /// <summary>
    /// The operation's variables as a struct whose init accessors remember what was set, so an object
    /// initializer can say "send null" (<c>After = null</c>) apart from "leave out" (not naming it) — which
    /// the positional parameters cannot, since there a null means "leave out". A required variable is a
    /// required member; a non-null variable with a default cannot be sent as null, so null leaves it out.
    /// </summary>
    private static void EmitVariables(CodeWriter code, OperationModel operation, TypeMapper types, string name)
    {
        code.Line("/// <summary>The variables of " + operation.Name + ": a property set (also to null) is sent, one not set is left out.</summary>");
        code.Line(Generated);
        code.Open("public readonly partial struct " + name);
        foreach (var variable in operation.Variables)
        {
            var field = VariableField(variable);
            var property = VariableProperty(variable);
            if (!IsOptional(variable))
            {
                code.Line("private readonly " + types.CSharpType(variable.Type) + " " + field + ";");
                code.Line();
                code.Line("public required " + types.CSharpType(variable.Type) + " " + property + " { get => " + field + "; init => " + field + " = value; }");
            }
            else
            {
                code.Line("private readonly " + types.CSharpType(variable.Type.Nullable) + " " + field + ";");
                code.Line("private readonly bool " + SetFlag(variable) + ";");
                code.Line();
                code.Line("public " + types.CSharpType(variable.Type.Nullable) + " " + property + " { get => " + field + "; init { " + field + " = value; " + SetFlag(variable) + " = true; } }");
            }

            code.Line();
        }

        code.Open("internal void Validate()");
        foreach (var variable in operation.Variables.Where(v => !IsOptional(v) && !types.IsValueType(v.Type)))
        {
            code.Line("if (" + VariableField(variable) + " is null) throw new ArgumentNullException(" + Naming.Literal(VariableProperty(variable)) + ", \"The variable $" + variable.Name + " is required.\");");
        }

        code.Close();
        code.Line();
        code.Open("internal void WriteTo(Utf8JsonWriter writer)");
        foreach (var variable in operation.Variables)
        {
            var field = VariableField(variable);
            if (!IsOptional(variable))
            {
                code.Line("writer.WritePropertyName(" + Naming.Literal(variable.Name) + ");");
                types.WriteStatements(code, variable.Type, field, 0);
            }
            else if (variable.Type.IsNonNull)
            {
                // Non-null with a default: null cannot be sent, so it leaves the variable out (the default applies).
                var local = "value" + Naming.Pascal(variable.Name);
                code.Open("if (" + SetFlag(variable) + " && " + field + " is { } " + local + ")");
                code.Line("writer.WritePropertyName(" + Naming.Literal(variable.Name) + ");");
                types.WriteStatements(code, variable.Type, local, 0);
                code.Close();
            }
            else
            {
                code.Open("if (" + SetFlag(variable) + ")");
                code.Line("writer.WritePropertyName(" + Naming.Literal(variable.Name) + ");");
                types.WriteStatements(code, variable.Type, field, 0);
                code.Close();
            }
        }

        code.Close();
        code.Close();
        code.Line();
    }

    // Distinct prefixes keep a variable's field and its "set" flag apart from every other variable's.
    private static string VariableField(VariableModel variable) => "_v_" + variable.Name;

    private static string SetFlag(VariableModel variable) => "_s_" + variable.Name;

    /// <summary>"first" → First, with "Value" appended when a member of the struct has that name.</summary>
    private static string VariableProperty(VariableModel variable)
    {
        var name = Naming.Pascal(variable.Name);
        return name is "Validate" or "WriteTo" or "Equals" or "GetHashCode" or "ToString" or "GetType" ? name + "Value" : name;
    }

    /// <summary>Strawberry Shake's names: GetPilotsQuery, AddPilotMutation, OnEventChangedSubscription.</summary>
    public static string OperationClassName(OperationModel operation) =>
        operation.Name + operation.Kind switch
        {
            OperationType.Mutation => "Mutation",
            OperationType.Subscription => "Subscription",
            _ => "Query",
        };

    /// <summary>
    /// The variables as parameters in declaration order. A variable the request may leave out (nullable,
    /// or with a default) is a nullable parameter, and "= null" when no required one follows it, so that
    /// adding an optional variable at the end of an operation keeps existing calls compiling.
    /// </summary>
    private static string Parameters(IReadOnlyList<VariableModel> variables, TypeMapper types)
    {
        var text = new StringBuilder();
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            var optional = IsOptional(variable);
            var type = optional ? types.CSharpType(variable.Type.Nullable) : types.CSharpType(variable.Type);
            var defaultsToNull = optional && variables.Skip(i + 1).All(IsOptional);
            text.Append(type).Append(' ').Append(Naming.Parameter(variable.Name)).Append(defaultsToNull ? " = null, " : ", ");
        }

        return text.ToString();
    }

    /// <summary>The spec's optional variable: the request may leave it out.</summary>
    private static bool IsOptional(VariableModel variable) => !variable.Type.IsNonNull || variable.HasDefault;

    /// <summary>A null variable is left out, so the operation's default (if any) applies.</summary>
    private static void WriteVariable(CodeWriter code, TypeMapper types, VariableModel variable)
    {
        var parameter = Naming.Parameter(variable.Name);
        if (!IsOptional(variable))
        {
            code.Line("writer.WritePropertyName(" + Naming.Literal(variable.Name) + ");");
            types.WriteStatements(code, variable.Type, parameter, 0);
            return;
        }

        var local = parameter.TrimStart('@') + "Value";
        code.Open("if (" + parameter + " is { } " + local + ")");
        code.Line("writer.WritePropertyName(" + Naming.Literal(variable.Name) + ");");
        types.WriteStatements(code, TypeRef.NonNull(variable.Type), local, 0);
        code.Close();
    }
}
