using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Documents;

namespace SmartCityGraph.GraphQL.RateLimiting;

/// <summary>
/// Spends the operation's computed cost from the client's budget once validation (with the cost rule before this one)
/// has computed it, and refuses the operation with <c>RATE_LIMITED</c> before it executes when the budget falls short.
/// A document refused earlier (syntax, validation, cost) spends 1 point when the request ends instead.
/// </summary>
public sealed class CostRateLimitRule(CostRateLimiter limiter) : ValidationRuleBase, IOperationRule
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.HasErrors
            || CostReport.From(context.UserContext) is not { } report
            || context.RequestServices?.GetService<IHttpContextAccessor>()?.HttpContext?.Features.Get<RateLimitCharge>() is not { Spent: false } charge)
            return default;

        if (limiter.TrySpend(charge.Client, report.Cost, out var retryAfter))
        {
            charge.Spent = true;
            return default;
        }

        charge.RetryAfter = retryAfter;
        context.ReportError(new ValidationError(context.Document.Source, number: null,
            $"The operation's cost {report.Cost} exceeds the points left in this client's budget of {limiter.Options.PointsPerMinute} a minute; retry in {Math.Ceiling(retryAfter.TotalSeconds)} s.",
            context.Operation) { Code = ErrorCodes.RateLimited });
        return default;
    }
}
