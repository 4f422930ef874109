using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Search;

/// <summary>
/// Ranked full-text search over every entity's text. The seam between the provider-neutral
/// <see cref="SearchQuery"/> and a database's own full-text engine (SQLite FTS5 today, PostgreSQL later).
/// </summary>
public interface ISearchIndex
{
    /// <summary>Hits <paramref name="offset"/> .. <paramref name="offset"/> + <paramref name="count"/> − 1 of the ranking, best first.</summary>
    Task<IReadOnlyList<SearchMatch>> SearchAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, CancellationToken ct = default);

    /// <summary>
    /// As above, reading only what <paramref name="reads"/> says the caller uses: an index may then leave out the
    /// highlights and load only some members of each hit's entity (the others keep a new object's values, so such an
    /// entity must not stand in for a whole one). An index that cannot narrow its read returns everything, as above.
    /// </summary>
    Task<IReadOnlyList<SearchMatch>> SearchAsync(
        SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, SearchReads reads, CancellationToken ct = default) =>
        SearchAsync(query, kinds, offset, count, ct);

    /// <summary>How many entities match at all.</summary>
    Task<int> CountAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default);
}

/// <summary>
/// One ranked hit: the entity's surrogate id, a score (higher is better) and a snippet with the matches marked;
/// the whole entity too when the index read it with the hit (else the caller reads it by id), and the number of
/// matches of the whole search when the index counted them with the page (else null: ask <see cref="ISearchIndex.CountAsync"/>).
/// </summary>
public sealed record SearchMatch(int EntityId, double Score, string? Highlight, Entity? Entity = null, int? MatchCount = null);

/// <summary>
/// What a caller uses of a search's hits: their <see cref="SearchMatch.Highlight"/>s, and which members of their entities
/// (by property name; null: whole entities).
/// </summary>
public sealed record SearchReads(bool Highlights, IReadOnlyCollection<string>? EntityMembers)
{
    /// <summary>Everything: highlights and whole entities.</summary>
    public static readonly SearchReads All = new(true, null);
}
