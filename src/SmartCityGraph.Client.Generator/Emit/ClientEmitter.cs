using System.Collections.Generic;
using System.Linq;
using GraphQLParser.AST;
using SmartCityGraph.Client.Generator.Analysis;

namespace SmartCityGraph.Client.Generator.Emit;

/// <summary>
/// Writes <c>ISmartCityClient</c> (one property per operation), its implementation and
/// <c>services.AddSmartCityClient()</c>.
/// </summary>
internal static class ClientEmitter
{
    private const string Generated = "[global::System.CodeDom.Compiler.GeneratedCode(\"SmartCityGraph.Client.Generator\", \"1.0\")]";

    public static GeneratedFile EmitClient(IReadOnlyList<OperationModel> operations, string ns, string clientName, bool watchable)
    {
        var code = GeneratedFileHeader.Start(ns);
        code.Line("/// <summary>The typed GraphQL client: one property per operation of the project's .graphql files.</summary>");
        code.Line(Generated);
        code.Open("public partial interface I" + clientName);
        foreach (var operation in operations)
        {
            var type = OperationEmitter.OperationClassName(operation);
            code.Line("I" + type + " " + operation.Name + " { get; }");
        }

        code.Close();
        code.Line();

        code.Line(Generated);
        code.Open("public sealed partial class " + clientName + " : I" + clientName);
        var usesSubscriptions = UsesSubscriptions(operations, watchable);
        code.Open("public " + clientName + "(IGraphQLExecutor executor" + (usesSubscriptions ? ", IGraphQLSubscriptionExecutor subscriptions" : "") + ")");
        foreach (var operation in operations)
        {
            var executor = operation.Kind switch
            {
                OperationType.Subscription => "subscriptions",
                OperationType.Query when watchable => "executor, subscriptions", // Watch() listens for changes over the socket
                _ => "executor",
            };
            code.Line(operation.Name + " = new " + OperationEmitter.OperationClassName(operation) + "(" + executor + ");");
        }

        code.Close();
        foreach (var operation in operations)
        {
            code.Line();
            code.Line("public I" + OperationEmitter.OperationClassName(operation) + " " + operation.Name + " { get; }");
        }

        code.Close();
        code.Line();

        return new GeneratedFile(clientName + ".Client.g.cs", code.ToString());
    }

    /// <summary>
    /// <c>services.AddSmartCityClient()</c>, in Microsoft.Extensions.DependencyInjection (as
    /// Strawberry Shake does) so it is found without another using.
    /// </summary>
    public static GeneratedFile EmitRegistration(IReadOnlyList<OperationModel> operations, string ns, string clientName, bool watchable)
    {
        var code = GeneratedFileHeader.Start("Microsoft.Extensions.DependencyInjection");
        var client = "global::" + ns + "." + clientName;
        code.Line("/// <summary>Registers " + clientName + " and its operations with a named HttpClient (\"" + clientName + "\").</summary>");
        code.Line(Generated);
        code.Open("public static class " + clientName + "ServiceCollectionExtensions");
        code.Line("/// <summary>Adds I" + clientName + "; point it at the server with <c>.ConfigureHttpClient(c => c.BaseAddress = new Uri(url))</c>.</summary>");
        code.Open("public static GraphQLClientBuilder Add" + clientName + "(this IServiceCollection services)");
        code.Line("var builder = new GraphQLClientBuilder(services, " + Naming.Literal(clientName) + ");");
        var subscriptions = UsesSubscriptions(operations, watchable)
            ? ", provider.GetRequiredKeyedService<IGraphQLSubscriptionExecutor>(" + Naming.Literal(clientName) + ")"
            : "";
        code.Line("services.AddSingleton<global::" + ns + ".I" + clientName + ">(provider => new " + client + "(builder.CreateExecutor(provider)" + subscriptions + "));");
        foreach (var operation in operations)
        {
            var type = "global::" + ns + ".I" + OperationEmitter.OperationClassName(operation);
            code.Line("services.AddSingleton<" + type + ">(provider => provider.GetRequiredService<global::" + ns + ".I" + clientName + ">()." + operation.Name + ");");
        }

        code.Line("return builder;");
        code.Close();
        code.Close();
        return new GeneratedFile(clientName + ".DependencyInjection.g.cs", code.ToString());
    }

    /// <summary>The client needs the subscription executor for its subscriptions and for its queries' Watch().</summary>
    private static bool UsesSubscriptions(IReadOnlyList<OperationModel> operations, bool watchable) =>
        operations.Any(o => o.Kind == OperationType.Subscription || (watchable && o.Kind == OperationType.Query));
}
