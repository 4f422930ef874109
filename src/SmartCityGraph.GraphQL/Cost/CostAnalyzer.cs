using GraphQL.Validation;

namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// Computes the cost and depth of the operation a request executes, in the style of the IBM GraphQL Cost
/// specification and GitHub's rate limits: cost approximates how many objects the response can hold.
/// </summary>
/// <remarks>
/// <para><b>Depth</b>: fields on the longest path; a top-level field has depth 1, leaves count, fragments do not.</para>
/// <para><b>Cost</b> of a field:</para>
/// <list type="bullet">
/// <item>scalar or enum field: 0 — its value comes with the row of its parent object;</item>
/// <item>introspection (<c>__schema</c>, <c>__type</c>, <c>__typename</c>) with all it selects: 0 — it reads the
/// in-memory schema, never the database (it still counts for depth);</item>
/// <item>object/interface/union field: <c>size × (1 + cost of its selection)</c>, where size is 1, or for a list
/// the value of a slicing argument (<c>first</c>/<c>last</c>), else the length of a sizing list argument
/// (<c>ids</c>) or a <see cref="CostFieldMetadata"/> override, else <see cref="CostOptions.DefaultListSize"/>;</item>
/// <item>connection field (type named <c>…Connection</c>): <c>1 + cost of pageInfo etc. + n × cost of one item</c>,
/// where n is <c>first</c>/<c>last</c> or <see cref="CostOptions.DefaultPageSize"/>; its <c>edges</c>/<c>nodes</c>
/// take n as their size rather than a list size of their own, and an edge's <c>node</c> is not counted again
/// (so <c>edges { node { … } }</c> costs the same as <c>nodes { … }</c>).</item>
/// <item>a field marked <see cref="CostFieldMetadata.WithPageSizeFromArgument{TField}"/> is costed like a connection
/// whose n is that integer argument, its lists marked <see cref="CostFieldMetadata.AsPageItems{TField}"/> taking n.</item>
/// </list>
/// <para>Fragments are costed once each. Fragments narrowing an abstract type to different runtime types are
/// alternatives: the most expensive possible runtime type counts, not their sum. Repeated fields are counted
/// each time they appear (an upper bound). Fields skipped by <c>@skip</c>/<c>@include</c> are not counted.</para>
/// <para>Examples (defaults): <c>items(first: 100) { nodes { id } }</c> = 101;
/// <c>items(first: 100) { nodes { children(first: 100) { nodes { id } } } }</c> = 10 201;
/// a third nested level of 100 = 1 020 201.</para>
/// </remarks>
public sealed class CostAnalyzer(CostOptions options)
{
    public CostOptions Options { get; } = options;

    /// <summary>
    /// Analyses <see cref="ValidationContext.Operation"/>. Call it from a post-node validation visitor on a
    /// document without validation errors: only then are variables coerced into
    /// <see cref="ValidationContext.ArgumentValues"/>, so that <c>first: $n</c> counts.
    /// </summary>
    public OperationCost Analyze(ValidationContext context) => new OperationCostWalk(context, Options).Run();
}
