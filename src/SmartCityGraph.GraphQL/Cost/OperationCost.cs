namespace SmartCityGraph.GraphQL.Cost;

/// <summary>The result of <see cref="CostAnalyzer.Analyze"/>: the operation's cost and its deepest field nesting.</summary>
public readonly record struct OperationCost(long Cost, int Depth);
