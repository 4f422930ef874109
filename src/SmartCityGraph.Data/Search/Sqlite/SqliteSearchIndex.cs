using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
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
/// Rankings are kept (<see cref="Rankings"/>) while the graph's head revision stays the same, as Solr keeps its query
/// results until the next commit: a repeated search, or the next page of one, reads only its page's entities.
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

    private readonly ConcurrentDictionary<(bool WithKinds, bool Highlights, string Shape), SqlStatement> _rank = new();
    private readonly ConcurrentDictionary<(bool Highlights, string Shape), SqlStatement> _page = new();

    /// <summary>
    /// The rankings kept, by match expression and kinds: at most <see cref="KeptRankedHits"/> ranked hits in all (a
    /// ranking counts its hits, so about a thousand searches of the scoring cap), the least recently used going first.
    /// </summary>
    private readonly MemoryCache _rankings = new(new MemoryCacheOptions { SizeLimit = KeptRankedHits });

    /// <summary>Most ranked hits kept across all rankings (12 bytes each).</summary>
    public const int KeptRankedHits = 500_000;

    /// <summary>The search statement's text, with highlights and whole entities unless told otherwise (for plan tests).</summary>
    public string SearchSql(bool withKinds, bool highlights = true, IReadOnlyCollection<string>? entityMembers = null) =>
        Rank(withKinds, highlights, Shape(entityMembers)).Text;

    /// <summary>The statement that reads a kept ranking's page (for plan tests).</summary>
    public string PageSql(bool highlights = true, IReadOnlyCollection<string>? entityMembers = null) =>
        Page(highlights, Shape(entityMembers)).Text;

    // One prepared statement per variant (kinds or not, snippets or not, which columns): a fixed set, as few as the
    // documents' selections of hits differ.
    private SqlStatement Rank(bool withKinds, bool highlights, RowShape<Entity> shape)
    {
        var key = (withKinds, highlights, shape.Key);
        return _rank.TryGetValue(key, out var statement)
            ? statement
            : _rank.GetOrAdd(key, _ => RankStatement(shape, withKinds, highlights));
    }

    private SqlStatement Page(bool highlights, RowShape<Entity> shape)
    {
        var key = (highlights, shape.Key);
        return _page.TryGetValue(key, out var statement)
            ? statement
            : _page.GetOrAdd(key, _ => PageStatement(shape, highlights));
    }

    /// <summary>Only the members asked for, where the model can read just those; else whole entities.</summary>
    private RowShape<Entity> Shape(IReadOnlyCollection<string>? members) =>
        members is null ? rows.Entities : rows.EntitiesWith(members) ?? rows.Entities;
    private readonly SqlStatement[] _count = [CountStatement(withKinds: false), CountStatement(withKinds: true)];

    /// <remarks>
    /// One statement either way. Without a kept ranking (<see cref="RankStatement"/>): the first
    /// <see cref="MaxScoredMatches"/> matches with their bm25 relevance, each one's relevance raised by half the relevance of
    /// the matches related to it (so the entity that ties the matches together ranks first), ranked; every ranked id and
    /// score comes back (to be kept) and the page's rows with their snippets and entities. With a kept ranking
    /// (<see cref="PageStatement"/>): the page's entities by id with their snippets, and the head revision, which tells
    /// whether the ranking still holds (else the first statement runs after all). Each hit carries how many matches were
    /// scored: below the cap that is the total, so a page that asks for <c>totalCount</c> needs no second statement
    /// (<see cref="SearchMatch.MatchCount"/>).
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
        var match = MatchExpression(query);
        var kindList = kinds is { Count: > 0 } ? KindList(kinds) : null;
        var shape = Shape(searchReads.EntityMembers);
        var key = kindList is null ? match : match + "\n" + kindList;
        if (_rankings.TryGetValue(key, out Ranking? kept) && kept!.Page(offset, count) is { Length: > 0 } ids
            && PageOf(kept, ids, offset, match, searchReads.Highlights, shape, ct) is { } page)
            return Task.FromResult(page);
        var (ranking, matches) = Rank(match, kindList, offset, count, searchReads.Highlights, shape, ct);
        _rankings.Set(key, ranking, new MemoryCacheEntryOptions { Size = 1 + ranking.Ids.Length });
        return Task.FromResult(matches);
    }

    /// <summary>Ranks the matches and reads the page's entities (<see cref="RankStatement"/>).</summary>
    private (Ranking Ranking, IReadOnlyList<SearchMatch> Page) Rank(
        string match, string? kindList, int offset, int count, bool highlights, RowShape<Entity> shape, CancellationToken ct)
    {
        object?[] values = kindList is null ? [match, count, offset] : [match, count, offset, kindList];
        var (ids, scores, head, page) = reads.Query(Rank(kindList is not null, highlights, shape), values, shape, static (reader, shape) =>
        {
            var ids = new List<int>();
            var scores = new List<double>();
            var page = new List<(int Id, double Score, string? Highlight, Entity Entity)>();
            long head = 0;
            while (reader.Read())
            {
                head = reader.IsDBNull(4) ? 0 : reader.GetInt64(4);
                if (reader.IsDBNull(2))
                {
                    ids.Add(reader.GetInt32(0));
                    scores.Add(reader.GetDouble(1));
                }
                else
                {
                    page.Add((reader.GetInt32(0), reader.GetDouble(1), reader.IsDBNull(3) ? null : reader.GetString(3), shape.Read(reader, Columns)));
                }
            }
            return (ids.ToArray(), scores.ToArray(), head, page);
        }, ct);
        // Best first, ties by id: the statement's order of the page, compared the same way (doubles, then integers).
        var order = new int[ids.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var byScore and not 0 ? byScore : ids[a].CompareTo(ids[b]));
        // All the matches when fewer than the scoring cap; at the cap there may be more: only a count says.
        var ranking = new Ranking(head, [.. order.Select(i => ids[i])], [.. order.Select(i => scores[i])],
            ids.Length < MaxScoredMatches ? ids.Length : null);
        page.Sort((a, b) => b.Score.CompareTo(a.Score) is var byScore and not 0 ? byScore : a.Id.CompareTo(b.Id));
        return (ranking, page.Select(p => new SearchMatch(p.Id, p.Score, p.Highlight, p.Entity, ranking.MatchCount)).ToList());
    }

    /// <summary>
    /// The page of a kept ranking (<see cref="PageStatement"/>); null when the graph changed since it was ranked (a later
    /// head revision, or an entity gone), so the caller ranks again.
    /// </summary>
    private IReadOnlyList<SearchMatch>? PageOf(
        Ranking ranking, int[] ids, int offset, string match, bool highlights, RowShape<Entity> shape, CancellationToken ct)
    {
        var idList = "[" + string.Join(",", ids) + "]";
        object?[] values = highlights ? [idList, match] : [idList];
        return reads.Query(Page(highlights, shape), values, (ranking, offset, shape, ids.Length), static (reader, state) =>
        {
            var (ranking, offset, shape, expected) = state;
            var page = new List<SearchMatch>(expected);
            while (reader.Read())
            {
                if ((reader.IsDBNull(2) ? 0 : reader.GetInt64(2)) != ranking.Head) return null;
                var position = offset + reader.GetInt32(0);
                page.Add(new SearchMatch(ranking.Ids[position], ranking.Scores[position], reader.IsDBNull(1) ? null : reader.GetString(1),
                    shape.Read(reader, PageColumns), ranking.MatchCount));
            }
            return page.Count == expected ? (IReadOnlyList<SearchMatch>)page : null;
        }, ct);
    }

    public Task<int> CountAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default)
    {
        var withKinds = kinds is { Count: > 0 };
        object?[] values = withKinds ? [MatchExpression(query), KindList(kinds!)] : [MatchExpression(query)];
        return Task.FromResult(reads.Query(_count[withKinds ? 1 : 0], values, 0, static (reader, _) => reader.Read() ? reader.GetInt32(0) : 0, ct));
    }

    /// <summary>Where the entity's columns start in a row of <see cref="RankStatement"/> (id, score, in the page, highlight, head).</summary>
    private const int Columns = 5;

    /// <summary>Where the entity's columns start in a row of <see cref="PageStatement"/> (position, highlight, head).</summary>
    private const int PageColumns = 3;

    /// <summary>The head revision: every committed change records a later one, so a ranking made at the same head still holds.</summary>
    private const string Head = "(SELECT max(\"Number\") FROM \"Revisions\")";

    private static SqlStatement RankStatement(RowShape<Entity> shape, bool withKinds, bool highlights) => new(
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
        scored AS MATERIALIZED (
            SELECT h.Id, h.Relevance + {NeighbourShare.ToString("0.0##", CultureInfo.InvariantCulture)} * coalesce(gained.Gain, 0) AS Score
            FROM hits h LEFT JOIN gained ON gained.Id = h.Id),
        page AS MATERIALIZED (
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
        -- Every scored hit, unordered (to be kept, and ranked by the reader: a full sort here cost more than the reader's),
        -- then the page with its entities (the top of the same order, which SQLite's sorter keeps cheaply).
        SELECT Id, Score, NULL, NULL, {Head}, {string.Join(", ", shape.Columns.Select(_ => "NULL"))} FROM scored
        UNION ALL
        SELECT page.Id, page.Score, 1, {(highlights ? "snippets.Highlight" : "NULL")}, {Head}, {shape.SelectList("e")}
        FROM page
        CROSS JOIN "Entities" AS e ON e."Id" = page.Id
        {(highlights ? "JOIN snippets ON snippets.Id = page.Id" : "")}
        """, withKinds ? ["$match", "$count", "$offset", "$kinds"] : ["$match", "$count", "$offset"]);

    private static SqlStatement PageStatement(RowShape<Entity> shape, bool highlights) => new(
        $"""
        WITH page AS MATERIALIZED (
            SELECT CAST(key AS INTEGER) AS Position, value AS Id FROM json_each($ids)){(highlights ? $"""
        ,
        snippets AS MATERIALIZED (
            -- One pass over the matches up to the page's last id, as in the ranking's statement.
            SELECT EntitySearch.rowid AS Id, snippet(EntitySearch, -1, '{MatchStart}', '{MatchEnd}', '…', {SnippetTokens}) AS Highlight
            FROM EntitySearch
            WHERE EntitySearch MATCH $match
              AND EntitySearch.rowid <= (SELECT max(Id) FROM page)
              AND +EntitySearch.rowid IN (SELECT Id FROM page))
        """ : "")}
        SELECT page.Position, {(highlights ? "snippets.Highlight" : "NULL")}, {Head} AS Head, {shape.SelectList("e")}
        FROM page
        CROSS JOIN "Entities" AS e ON e."Id" = page.Id
        {(highlights ? "LEFT JOIN snippets ON snippets.Id = page.Id" : "")}
        ORDER BY page.Position
        """, highlights ? ["$ids", "$match"] : ["$ids"]);

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

    /// <summary>
    /// A search's ranked hits (ids and scores, best first, at most <see cref="MaxScoredMatches"/>) as of the graph's
    /// <see cref="Head"/> revision, with the number of matches when all of them were ranked.
    /// </summary>
    private sealed record Ranking(long Head, int[] Ids, double[] Scores, int? MatchCount)
    {
        /// <summary>The ids of hits <paramref name="offset"/> … <paramref name="offset"/> + <paramref name="count"/> − 1 that exist.</summary>
        public int[] Page(int offset, int count) =>
            offset >= Ids.Length ? [] : Ids.AsSpan(offset, Math.Min(count, Ids.Length - offset)).ToArray();
    }
}
