using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
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
/// point to, outranks each of them. Only the best <see cref="SearchQuery.MaxRankedHits"/> bm25 matches
/// are ranked this way (and reachable by paging). The highlight is FTS5's <c>snippet()</c> with matches
/// between « and ».
/// </summary>
public sealed class SqliteSearchIndex(SmartCityDbContext db) : ISearchIndex
{
    public const double TitleWeight = 10.0;
    public const double AliasWeight = 5.0;
    /// <summary>How much of a related match's relevance an entity gains (see <see cref="SearchAsync"/>).</summary>
    public const double NeighbourShare = 0.5;
    public const string MatchStart = "«";
    public const string MatchEnd = "»";
    private const int SnippetTokens = 16;
    private const string MatchParameter = "{0}"; // SqlQueryRaw's placeholder of the first parameter

    private static readonly string Bm25 = string.Create(CultureInfo.InvariantCulture, $"bm25(EntitySearch, {TitleWeight:0.0}, {AliasWeight:0.0}, 1.0)");

    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(
        SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var parameters = new List<object> { MatchExpression(query) };
        // One statement: the best MaxRankedHits matches by bm25, then each one's relevance raised by half the
        // relevance of the matches related to it (so the entity that ties the matches together ranks first), then
        // the snippets of the page alone: computed in the first step they cost more than the rest for every match.
        var sql = $"""
            WITH hits AS (
                SELECT EntitySearch.rowid AS Id, -{Bm25} AS Relevance
                FROM {Matches(kinds, parameters)}
                ORDER BY Relevance DESC, Id
                LIMIT {SearchQuery.MaxRankedHits.ToString(CultureInfo.InvariantCulture)}),
            scored AS (
                SELECT h.Id, h.Relevance + {NeighbourShare.ToString("0.0##", CultureInfo.InvariantCulture)} * coalesce((
                    SELECT sum(other.Relevance) FROM Relations r
                    JOIN hits other ON other.Id = (CASE WHEN r.FromId = h.Id THEN r.ToId ELSE r.FromId END)
                    WHERE (r.FromId = h.Id OR r.ToId = h.Id) AND other.Id <> h.Id), 0) AS Score
                FROM hits h),
            page AS (
                SELECT Id, Score FROM scored
                ORDER BY Score DESC, Id
                LIMIT {count.ToString(CultureInfo.InvariantCulture)} OFFSET {offset.ToString(CultureInfo.InvariantCulture)})
            SELECT page.Id AS EntityId, page.Score AS Score,
                   snippet(EntitySearch, -1, '{MatchStart}', '{MatchEnd}', '…', {SnippetTokens}) AS Highlight
            FROM page JOIN EntitySearch ON EntitySearch.rowid = page.Id
            WHERE EntitySearch MATCH {MatchParameter}
            ORDER BY page.Score DESC, page.Id
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, [.. parameters]).ToListAsync(ct);
        return rows.Select(r => new SearchMatch(r.EntityId, r.Score, r.Highlight)).ToList();
    }

    public async Task<int> CountAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default)
    {
        var parameters = new List<object> { MatchExpression(query) };
        var sql = $"""
            SELECT count(*) AS Value
            FROM {Matches(kinds, parameters)}
            """;
        return (await db.Database.SqlQueryRaw<int>(sql, [.. parameters]).ToListAsync(ct)).Single();
    }

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
            expression.Append('(').AppendJoin(" OR ", new[] { term.Word }.Concat(term.Alternatives).Select(Prefix)).Append(')');
        }
        return expression.ToString();
    }

    private static string Prefix(string word) => "\"" + word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*";

    /// <summary>
    /// The FROM and WHERE of the matches (parameter 0 is the match expression); joined to the entities only to
    /// filter by kind, since the join costs more than the full-text match itself.
    /// </summary>
    private static string Matches(IReadOnlyCollection<NodeKind>? kinds, List<object> parameters) =>
        kinds is null || kinds.Count == 0
            ? $"EntitySearch WHERE EntitySearch MATCH {MatchParameter}"
            : $"EntitySearch JOIN Entities ON Entities.Id = EntitySearch.rowid WHERE EntitySearch MATCH {MatchParameter}{KindFilter(kinds, parameters)}";

    private static string KindFilter(IReadOnlyCollection<NodeKind> kinds, List<object> parameters)
    {
        var placeholders = new List<string>();
        foreach (var kind in kinds.Distinct())
        {
            placeholders.Add("{" + parameters.Count.ToString(CultureInfo.InvariantCulture) + "}");
            parameters.Add(kind.ToString());
        }
        return $" AND Entities.Kind IN ({string.Join(", ", placeholders)})";
    }

    private sealed class Row
    {
        public int EntityId { get; set; }
        public double Score { get; set; }
        public string? Highlight { get; set; }
    }
}
