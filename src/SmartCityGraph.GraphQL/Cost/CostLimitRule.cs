using GraphQL.Validation;
using SmartCityGraph.GraphQL.Documents;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// Refuses, before anything executes, an operation deeper than <see cref="CostOptions.MaxDepth"/>
/// (<c>DEPTH_LIMIT_EXCEEDED</c>) or costlier than <see cref="CostOptions.MaxCost"/> (<c>COST_LIMIT_EXCEEDED</c>),
/// and leaves a <see cref="CostReport"/> in the user context for <c>GraphQL-Cost: report</c>.
/// </summary>
/// <remarks>
/// Add it after the core rules, and also to the rules used for cached documents — cost depends on the
/// variables, so a cached (already validated) document must still be costed:
/// <code>
/// options.ValidationRules = DocumentValidator.CoreRules.Append(rule);
/// options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(rule);
/// </code>
/// or simply <c>options.AddCostLimits(rule)</c> (<see cref="CostLimitExecutionOptionsExtensions"/>).
/// The rule is stateless and thread-safe: register one instance (see <c>services.AddCostLimits()</c>).
/// Paging, not this rule, refuses a negative or too large <c>first</c>/<c>last</c>; here such values only
/// count towards the cost as given.
/// </remarks>
public sealed class CostLimitRule(CostOptions options) : ValidationRuleBase, IOperationRule
{
    private readonly CostAnalyzer _analyzer = new(options);

    public CostOptions Options => _analyzer.Options;

    // Post-node: runs after variables are coerced into ArgumentValues, so `first: $n` counts.
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        // A document with errors (unknown fields, fragment cycles, bad variables) is refused anyway,
        // and analysing it would be guesswork.
        if (context.HasErrors)
            return default;

        var cost = _analyzer.Analyze(context);
        var report = new CostReport(Saturating.ToInt(cost.Cost), cost.Depth, Options.MaxCost, Options.MaxDepth);
        context.UserContext[CostReport.UserContextKey] = report;

        if (report.Depth > report.MaxDepth)
            context.ReportError(CostLimitError.Depth(context, report.Depth, report.MaxDepth));
        if (report.Cost > report.MaxCost)
            context.ReportError(CostLimitError.Cost(context, report.Cost, report.MaxCost));

        return default; // all work is done above; no node visitor needed
    }
}
