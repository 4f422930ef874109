namespace SmartCityGraph.GraphQL.Cost;

/// <summary>
/// The cost of a selection set as a function of the page size <c>n</c> of the connection it selects from:
/// <c>Fixed + n × PerItem</c>. Only a selection on a connection type has a non-zero <see cref="PerItem"/>
/// (its <c>edges</c>/<c>nodes</c>); keeping it symbolic lets a fragment on a connection be costed once and
/// reused under any page size. Arithmetic saturates so hostile sizes cannot overflow into small numbers.
/// </summary>
internal readonly record struct CostEstimate(long Fixed, long PerItem, int Depth)
{
    public static readonly CostEstimate Empty = new(0, 0, 0);

    public CostEstimate Plus(CostEstimate other) =>
        new(Saturating.Add(Fixed, other.Fixed), Saturating.Add(PerItem, other.PerItem), Math.Max(Depth, other.Depth));

    /// <summary>Component-wise maximum: an upper bound of either alternative (used across possible runtime types).</summary>
    public CostEstimate Max(CostEstimate other) =>
        new(Math.Max(Fixed, other.Fixed), Math.Max(PerItem, other.PerItem), Math.Max(Depth, other.Depth));

    /// <summary>The cost once the page size is known.</summary>
    public long ForPageSize(long pageSize) => Saturating.Add(Fixed, Saturating.Multiply(pageSize, PerItem));
}

internal static class Saturating
{
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Multiply(long a, long b) =>
        a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    public static int ToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
