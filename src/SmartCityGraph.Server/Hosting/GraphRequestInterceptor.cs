using GraphQL;
using SmartCityGraph.GraphQL.Authorization;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.Server.Hosting;

/// <summary>Applies the cost limits to every request and adds the diagnostics extensions the client asked for.</summary>
internal sealed class GraphRequestInterceptor(CostLimitRule costLimit, IConfiguration configuration) : IGraphQLRequestInterceptor
{
    private readonly bool reportSqlStatements = configuration.GetValue("Diagnostics:ReportSqlStatements", false);

    public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
    {
        options.AddCostLimits(costLimit);
        ReplicaReadRouting.MarkIfQuery(context, options);
        options.AddRoleAuthorization(); // mutations need a signed-in editor or admin, checked before anything runs
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResultAsync(HttpContext context, ExecutionOptions options, ExecutionResult result)
    {
        if (reportSqlStatements)
            (result.Extensions ??= new())["sqlStatements"] = SqlStatementCounter.CountFor(context);
        if (string.Equals(context.Request.Headers[CostReport.RequestHeaderName], CostReport.RequestHeaderReportValue, StringComparison.OrdinalIgnoreCase)
            && CostReport.From(options.UserContext) is { } report)
            (result.Extensions ??= new())[CostReport.ExtensionName] = report.ToExtension();
        return ValueTask.CompletedTask;
    }
}
