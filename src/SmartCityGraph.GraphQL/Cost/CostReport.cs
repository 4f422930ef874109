namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// The computed cost and depth of the executed operation and the limits they were checked against.
/// <see cref="CostLimitRule"/> stores it in the request's user context under <see cref="UserContextKey"/>,
/// whether or not the limits were exceeded, so the host can answer <c>GraphQL-Cost: report</c>.
/// </summary>
public sealed record CostReport(int Cost, int Depth, int MaxCost, int MaxDepth)
{
    /// <summary>The key of the report in <c>ExecutionOptions.UserContext</c>.</summary>
    public const string UserContextKey = "SmartCityGraph.Cost.CostReport";

    /// <summary>The request header that asks for the report, and the value that does.</summary>
    public const string RequestHeaderName = "GraphQL-Cost";

    /// <inheritdoc cref="RequestHeaderName"/>
    public const string RequestHeaderReportValue = "report";

    /// <summary>The name of the response extension the host writes the report to (<c>extensions.cost</c>).</summary>
    public const string ExtensionName = "cost";

    /// <summary>The report the validation stored in a request's user context, if any.</summary>
    public static CostReport? From(IDictionary<string, object?>? userContext) =>
        userContext != null && userContext.TryGetValue(UserContextKey, out var value) ? value as CostReport : null;

    /// <summary>The value of <c>extensions.cost</c>: <c>{ cost, maxCost, depth, maxDepth }</c>.</summary>
    public IReadOnlyDictionary<string, object> ToExtension() => new Dictionary<string, object>
    {
        ["cost"] = Cost,
        ["maxCost"] = MaxCost,
        ["depth"] = Depth,
        ["maxDepth"] = MaxDepth,
    };
}
