using GraphQL;
using GraphQL.Validation;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>Wires <see cref="CostLimitRule"/> into one execution.</summary>
public static class CostLimitExecutionOptionsExtensions
{
    /// <summary>
    /// Adds <paramref name="rule"/> to the validation rules (the core rules unless others are set) and to the
    /// rules run for cached documents, whose cost still depends on this request's variables.
    /// Call it from the host's execution interceptor, once per request.
    /// </summary>
    public static ExecutionOptions AddCostLimits(this ExecutionOptions options, CostLimitRule rule)
    {
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(rule);
        options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(rule);
        return options;
    }
}
