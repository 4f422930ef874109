using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Search.Sqlite;

/// <summary>
/// <see cref="ISearchIndex"/> on SQLite FTS5: the virtual table <c>EntitySearch</c> (migration
/// <c>AddSearchIndex</c>) indexes each entity's <c>title</c>, <c>alias</c> (a pilot's seed title, an
/// organisation's abbreviation) and <c>body</c> (summary, an event's type) with the tokenizer
/// <c>unicode61 remove_diacritics 2</c>, so matching ignores case and diacritics and splits words at
/// punctuation (<c>Bürger:innenhaushalt</c> holds the words <c>bürger</c> and <c>innenhaushalt</c>).
/// Ranked by bm25 with the title weighing <see cref="TitleWeight"/>, the alias <see cref="AliasWeight"/>
/// and the body 1, plus <see cref="NeighbourShare"/> of the bm25 relevance of every other match related
/// to the entity: for "Wasser" the Smart Water pilot, which its matching lead, partner and workshop all
/// point to, outranks each of them. Only the first <see cref="MaxScoredMatches"/> matches (in index order) are
/// scored and ranked this way (and reachable by paging). The highlight
/// is FTS5's <c>snippet()</c> with matches between « and ». Runs as prepared statements (<see cref="SqliteReads"/>).
/// </summary>
public sealed class SqliteSearchIndex(SqliteReads reads, ModelRows rows) : ISearchIndex
{
    public const double TitleWeight = 10.0;
    public const double AliasWeight = 5.0;
    /// <summary>How much of a related match's relevance an entity gains (see <see cref="SearchAsync"/>).</summary>
    public const double NeighbourShare = 0.5;
    /// <summary>
    /// Most matches scored and ranked: the first this many matches in index order (and reachable by paging). FTS5
    /// computes bm25 for every row it returns before a sort can take the best, so without a cap a broad word cost
    /// in proportion to the graph (44,701 matches and 68 ms for "water" at 1M entities); a search matching fewer
    /// ranks them all.
    /// </summary>
    public const int MaxScoredMatches = SearchQuery.MaxRankedHits;
    public const string MatchStart = "«";
    public const string MatchEnd = "»";
    private const int SnippetTokens = 16;

    private static readonly string Bm25 = string.Create(CultureInfo.InvariantCulture, $"bm25(EntitySearch, {TitleWeight:0.0}, {AliasWeight:0.0}, 1.0)");

    private readonly ConcurrentDictionary<(bool WithKinds, bool Highlights, string Shape), SqlStatement> _search = new();

    /// <summary>The search statement's text, with highlights and whole entities unless told otherwise (for plan tests).</summary>
    public string SearchSql(bool withKinds, bool highlights = true, IReadOnlyCollection<string>? entityMembers = null) =>
        Search(withKinds, highlights, Shape(entityMembers)).Text;

    // One prepared statement per variant (kinds or not, snippets or not, which columns): a fixed set, as few as the
    // documents' selections of hits differ.
    private SqlStatement Search(bool withKinds, bool highlights, RowShape<Entity> shape)
    {
        var key = (withKinds, highlights, shape.Key);
        return _search.TryGetValue(key, out var statement)
            ? statement
            : _search.GetOrAdd(key, _ => SearchStatement(shape, withKinds, highlights));
    }

    /// <summary>Only the members asked for, where the model can read just those; else whole entities.</summary>
    private RowShape<Entity> Shape(IReadOnlyCollection<string>? members) =>
        members is null ? rows.Entities : rows.EntitiesWith(members) ?? rows.Entities;
    private readonly SqlStatement[] _count = [CountStatement(withKinds: false), CountStatement(withKinds: true)];

    /// <remarks>
    /// One statement: the first <see cref="MaxScoredMatches"/> matches with their bm25 relevance, each one's
    /// relevance raised by half the relevance of the
    /// matches related to it (so the entity that ties the matches together ranks first), then the page with
    /// its snippets and its entities: snippets computed in the first step cost more than the rest for every match.
    /// Each hit carries how many matches were scored: below the cap that is the total, so a page that asks for
    /// <c>totalCount</c> needs no second statement (<see cref="SearchMatch.MatchCount"/>).
    /// </remarks>
    public Task<IReadOnlyList<SearchMatch>> SearchAsync(
        SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, CancellationToken ct = default) =>
        SearchAsync(query, kinds, offset, count, SearchReads.All, ct);

    /// <remarks>
    /// Without highlights the statement skips the snippets pass (FTS5 matching again and cutting a snippet per hit:
    /// a third of the statement on the seed); with <see cref="SearchReads.EntityMembers"/> it reads only their columns
    /// (for <c>entity { id kind title }</c> not the summaries, the kind's fields and the sources' JSON).
    /// </remarks>
    public Task<IReadOnlyList<SearchMatch>> SearchAsync(
        SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, SearchReads searchReads, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var withKinds = kinds is { Count: > 0 };
        object?[] values = withKinds
            ? [MatchExpression(query), count, offset, KindList(kinds!)]
            : [MatchExpression(query), count, offset];
        var shape = Shape(searchReads.EntityMembers);
        var matches = reads.Query(Search(withKinds, searchReads.Highlights, shape), values, shape, static (reader, shape) =>
        {
            var matches = new List<SearchMatch>();
            while (reader.Read())
            {
                // All the matches when fewer than the scoring cap; at the cap there may be more: only a count says.
                var scored = reader.GetInt32(3);
                matches.Add(new SearchMatch(reader.GetInt32(0), reader.GetDouble(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    shape.Read(reader, 4), scored < MaxScoredMatches ? scored : null));
            }
            return matches;
        }, ct);
        return Task.FromResult<IReadOnlyList<SearchMatch>>(matches);
    }

    public Task<int> CountAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default)
    {
        var withKinds = kinds is { Count: > 0 };
        object?[] values = withKinds ? [MatchExpression(query), KindList(kinds!)] : [MatchExpression(query)];
        return Task.FromResult(reads.Query(_count[withKinds ? 1 : 0], values, 0, static (reader, _) => reader.Read() ? reader.GetInt32(0) : 0, ct));
    }

    private static SqlStatement SearchStatement(RowShape<Entity> shape, bool withKinds, bool highlights) => new(
        $"""
        WITH hits AS MATERIALIZED (
            SELECT EntitySearch.rowid AS Id, -{Bm25} AS Relevance
            FROM {Matches(withKinds)}
            LIMIT {MaxScoredMatches.ToString(CultureInfo.InvariantCulture)}),
        pairs AS MATERIALIZED (
            -- Every relation between two hits, found once from its FromId end: looking from both ends probed the
            -- relation index twice per hit for the same relations.
            SELECT h.Id AS FromId, h.Relevance AS FromRelevance, other.Id AS ToId, other.Relevance AS ToRelevance
            FROM hits h CROSS JOIN Relations r ON r.FromId = h.Id CROSS JOIN hits other ON other.Id = r.ToId
            WHERE r.ToId <> r.FromId),
        gains AS (
            -- What each hit gains from the hits related to it: both ends of a relation gain from each other.
            SELECT FromId AS Id, ToRelevance AS Gain FROM pairs
            UNION ALL
            SELECT ToId, FromRelevance FROM pairs),
        gained AS (
            -- Summed once and joined: a correlated sum per hit made SQLite build an automatic index over the gains
            -- on every run (2.0 -> 1.1 ms for "Smart" on the seed).
            SELECT Id, sum(Gain) AS Gain FROM gains GROUP BY Id),
        scored AS (
            SELECT h.Id, h.Relevance + {NeighbourShare.ToString("0.0##", CultureInfo.InvariantCulture)} * coalesce(gained.Gain, 0) AS Score
            FROM hits h LEFT JOIN gained ON gained.Id = h.Id),
        page AS (
            SELECT Id, Score FROM scored
            ORDER BY Score DESC, Id
            LIMIT {SqliteReads.BoundLimit("$count")} OFFSET {SqliteReads.BoundLimit("$offset")}){(highlights ? $"""
        ,
        snippets AS MATERIALIZED (
            -- One pass over the matches up to the last scored one (the page is among them): joined row by row, FTS5
            -- evaluated the whole match again for each of the page's hits (a prefix of a common word: 4 ms each at 1M
            -- entities). Bounded by the hits, not by the page's min and max: those two subqueries over the page cost
            -- more than the rows they skip (1.0 -> 0.86 ms for "Smart" on the seed, 1.9 -> 1.75 ms for "water" at 10k).
            SELECT EntitySearch.rowid AS Id, snippet(EntitySearch, -1, '{MatchStart}', '{MatchEnd}', '…', {SnippetTokens}) AS Highlight
            FROM EntitySearch
            WHERE EntitySearch MATCH $match
              AND EntitySearch.rowid <= (SELECT max(Id) FROM hits)
              AND +EntitySearch.rowid IN (SELECT Id FROM page))
        """ : "")}
        SELECT page.Id, page.Score, {(highlights ? "snippets.Highlight" : "NULL")}, (SELECT count(*) FROM hits) AS Scored, {shape.SelectList("e")}
        FROM page
        {(highlights ? "JOIN snippets ON snippets.Id = page.Id" : "")}
        CROSS JOIN "Entities" AS e ON e."Id" = page.Id
        ORDER BY page.Score DESC, page.Id
        """, withKinds ? ["$match", "$count", "$offset", "$kinds"] : ["$match", "$count", "$offset"]);

    private static SqlStatement CountStatement(bool withKinds) =>
        new($"SELECT count(*) FROM {Matches(withKinds)}", withKinds ? ["$match", "$kinds"] : ["$match"]);

    /// <summary>
    /// The FTS5 query: every word must match, as a prefix (<c>"word"*</c>), or one of its translations.
    /// Words hold only letters, digits and marks (see <see cref="SearchQuery"/>) and are quoted besides,
    /// so nothing the user typed is read as FTS5 syntax.
    /// </summary>
    public static string MatchExpression(SearchQuery query)
    {
        var expression = new StringBuilder();
        foreach (var term in query.Terms)
        {
            if (expression.Length > 0) expression.Append(" AND ");
            expression.Append('(').AppendJoin(" OR ", term.Words.Select(Prefix)).Append(')');
        }
        return expression.ToString();
    }

    private static string Prefix(string word) => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*";

    /// <summary>
    /// The FROM and WHERE of the matches; joined to the entities only to filter by kind, since the join costs more
    /// than the full-text match itself.
    /// </summary>
    private static string Matches(bool withKinds) =>
        withKinds
            ? "EntitySearch JOIN Entities ON Entities.Id = EntitySearch.rowid WHERE EntitySearch MATCH $match AND Entities.Kind IN (SELECT value FROM json_each($kinds))"
            : "EntitySearch WHERE EntitySearch MATCH $match";

    private static string KindList(IReadOnlyCollection<NodeKind> kinds) => JsonSerializer.Serialize(kinds.Distinct().Select(k => k.ToString()));
}
