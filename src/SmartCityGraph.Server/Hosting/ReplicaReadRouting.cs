using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Server.Hosting;

/// <summary>
/// Sends the reads of an HTTP request to the read replica (<c>ConnectionStrings:SmartCityRead</c>) once the request
/// has been recognised as read-only: a GraphQL query (see <see cref="MarkIfQuery"/>) or an export. Everything else —
/// start-up, verbs, mutations, anything not marked — stays on the primary, so a write never lands on a replica.
/// </summary>
public sealed class ReplicaReadRouting(IHttpContextAccessor http) : IReadRouting
{
    private static readonly object Key = new();

    public bool ReadOnly => http.HttpContext?.Items.ContainsKey(Key) == true;

    /// <summary>Marks the request read-only (before the request's first database access).</summary>
    public static void MarkReadOnly(HttpContext context) => context.Items[Key] = true;

    /// <summary>
    /// Marks a GraphQL request read-only when the operation it selects is a query. The document is parsed here only
    /// when a replica exists, and handed on to execution, so it is still parsed once; one that does not parse is
    /// left alone (its error comes from execution, as ever).
    /// </summary>
    public static void MarkIfQuery(HttpContext context, ExecutionOptions options)
    {
        if (context.RequestServices.GetRequiredService<SmartCityContextPools>() is not { HasReadReplica: true }) return;
        if (options.Document is null && options.Query is { } text)
        {
            try { options.Document = context.RequestServices.GetRequiredService<IDocumentBuilder>().Build(text); }
            catch (Exception e) when (e is ExecutionError or GraphQLParser.Exceptions.GraphQLParserException) { return; }
        }
        var operations = options.Document?.Definitions.OfType<GraphQLOperationDefinition>().ToList() ?? [];
        var selected = string.IsNullOrEmpty(options.OperationName)
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == options.OperationName);
        if (selected is { Operation: OperationType.Query }) MarkReadOnly(context);
    }
}
