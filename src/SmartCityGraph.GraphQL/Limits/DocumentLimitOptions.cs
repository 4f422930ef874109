namespace SmartCityGraph.GraphQL.Limits;

/// <summary>
/// How large a document may be before anything expensive looks at it (configuration section <c>Limits</c>).
/// Validation grows with the square of the number of fields (overlapping-field checks compare pairs), so a
/// 600 KB document of one repeated field keeps a core busy for a minute; these limits refuse it in milliseconds.
/// </summary>
public sealed class DocumentLimitOptions
{
    /// <summary>
    /// Most fields an operation may select, counted as executed: a fragment's fields count at every spread
    /// (so fragments spread into each other cannot multiply the work unseen). GraphiQL's introspection
    /// query selects about 300; the project's largest real operations about 60.
    /// </summary>
    public int MaxFields { get; set; } = 2_000;

    /// <summary>
    /// How often one response name (a field's alias, else its name) may be selected in one selection set, counting
    /// the fields that fragments and same-named parent fields merge into it. Validation compares every such pair
    /// (and their sub-selections), so 1,000 repeats of <c>a: events(first: 1) { totalCount }</c> cost GraphQL.NET
    /// 8 s of CPU; real operations repeat a name a handful of times (<c>id</c> in each colocated fragment).
    /// </summary>
    public int MaxFieldRepeats { get; set; } = 30;

    /// <summary>
    /// How many fragment spreads may meet in one selection set (spreads inside those fragments included).
    /// Validation compares every pair of them: 400 spreads of one-field fragments cost GraphQL.NET 3 s of CPU,
    /// 50 cost 20 ms.
    /// </summary>
    public int MaxFragmentSpreads { get; set; } = 50;

    /// <summary>Most lexical tokens (names, punctuation, values) a document may hold; comments do not count.</summary>
    public int MaxTokens { get; set; } = 15_000;
}
