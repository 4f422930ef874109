namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// Limits and sizing assumptions for <see cref="CostAnalyzer"/> and <see cref="CostLimitRule"/>.
/// </summary>
/// <remarks>
/// Cost approximates the number of objects (rows) an operation can make the server produce; see
/// <see cref="CostAnalyzer"/> for the formula. With the defaults:
/// <list type="bullet">
/// <item>a page of 100 items each with a nested page of 100 children costs about 10 200 (allowed);</item>
/// <item>the same with two to-one objects per child (e.g. a relation's <c>from</c> and <c>to</c>) costs about
/// 30 300 (allowed);</item>
/// <item>three nested pages of 100 cost about 1 020 000 (refused), and so does <c>first: 1000000</c>.</item>
/// </list>
/// <see cref="MaxCost"/> = 50 000 sits between those: a full two-level page with some to-one objects on the
/// inner items fits, a third level of 100 never does.
/// </remarks>
public sealed class CostOptions
{
    /// <summary>
    /// Deepest allowed field nesting; a top-level field has depth 1 and leaves count.
    /// GraphiQL's introspection query reaches 13 (graphql-js 16) or 15 (graphql-js 17).
    /// </summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>Highest allowed operation cost.</summary>
    public int MaxCost { get; set; } = 50_000;

    /// <summary>Page size assumed for a connection field given neither <c>first</c> nor <c>last</c> (and no schema default).</summary>
    public int DefaultPageSize { get; set; } = 10;

    /// <summary>
    /// The largest page paging allows. Informational here: cost deliberately uses the raw <c>first</c>/<c>last</c>
    /// so that <c>first: 1000000</c> is refused on cost even before paging would clamp or refuse it.
    /// </summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>
    /// Length assumed for a plain list field that has no slicing argument, no sizing list argument and no
    /// <see cref="CostFieldMetadata.WithListSize{TField}(TField, int)"/> override.
    /// </summary>
    public int DefaultListSize { get; set; } = 10;

    /// <summary>Arguments whose value is the number of items a list or connection field returns.</summary>
    public IReadOnlyCollection<string> SlicingArguments { get; set; } = ["first", "last"];

    /// <summary>
    /// List arguments whose length is the number of items a list field returns,
    /// e.g. <c>nodes(ids: [ID!]!): [Node]!</c> returns one item per id.
    /// </summary>
    public IReadOnlyCollection<string> SizingListArguments { get; set; } = ["ids"];
}
