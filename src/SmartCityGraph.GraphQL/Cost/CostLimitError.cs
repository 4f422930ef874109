using GraphQL.Validation;
using GraphQLParser.AST;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>A validation error that refuses an operation for its depth or cost; its code is a contract code.</summary>
public sealed class CostLimitError : ValidationError
{
    private CostLimitError(ValidationContext context, string code, string message, ASTNode operation)
        : base(context.Document.Source, number: null, message, operation)
    {
        Code = code;
    }

    internal static CostLimitError Depth(ValidationContext context, int depth, int maxDepth) =>
        new(context, ErrorCodes.DepthLimitExceeded,
            $"The operation's depth {depth} exceeds the limit of {maxDepth}.", context.Operation);

    internal static CostLimitError Cost(ValidationContext context, int cost, int maxCost) =>
        new(context, ErrorCodes.CostLimitExceeded,
            $"The operation's cost {cost} exceeds the limit of {maxCost}.", context.Operation);
}
