using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Graph;

/// <summary>Which way a relation is walked from the parent: OUT to its "to" end, IN to its "from" end.</summary>
public enum WalkDirection { Out, In }

/// <summary>One row of a window: a parent and one of its neighbours (or relations), in window order.</summary>
public sealed record WindowRow(int ParentId, int ItemId);

/// <summary>
/// The first <c>take</c> neighbours (or relations) of each of many parents, in key order, after or
/// before a key — one SQL statement for the whole batch of parents, each parent reading only its own
/// first n index entries (so a hub with 18,000 events costs what a parent with 18 costs). One
/// implementation per provider (<c>Sqlite/</c>, <c>Postgres/</c>).
/// </summary>
public interface INeighbourWindows
{
    /// <summary>The first <paramref name="take"/> distinct neighbours of <paramref name="kind"/> of each parent along relations of <paramref name="types"/>, by id.</summary>
    Task<List<WindowRow>> NeighboursAsync(
        SmartCityDbContext db, IReadOnlyCollection<int> parentIds, WalkDirection direction,
        IReadOnlyCollection<RelationType> types, NodeKind kind, long? after, long? before, int take, bool descending,
        CancellationToken ct);

    /// <summary>The first <paramref name="take"/> relations touching each parent in <paramref name="direction"/>, by relation id.</summary>
    Task<List<WindowRow>> RelationsAsync(
        SmartCityDbContext db, IReadOnlyCollection<int> parentIds, WalkDirection direction,
        IReadOnlyCollection<RelationType>? types, long? after, long? before, int take, bool descending, CancellationToken ct);
}
