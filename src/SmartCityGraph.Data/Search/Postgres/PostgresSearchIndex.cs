using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Search.Postgres;

/// <summary>
/// <see cref="ISearchIndex"/> on PostgreSQL full-text search. Each entity carries a stored, generated
/// <c>tsvector</c> (<c>Entities."SearchVector"</c>, migration <c>AddSearchIndex</c>) with its title at weight A,
/// its other names (a pilot's seed title, an organisation's abbreviation) at B and its summary (and an event's
/// type) at C, under a GIN index, in two text search configurations that both fold case and diacritics with
/// <c>unaccent</c>: <c>smartcity_simple</c> keeps every word as it is (for prefix matching) and
/// <c>smartcity_german</c> adds its German stem (for ranking).
/// </summary>
/// <remarks>
/// <para>Matching is what the SQLite index does: every word of the query (or one of its glossary translations)
/// must occur as a word or a word's prefix — <c>to_tsquery('smartcity_simple', '(wasser:* | water:*) &amp; …')</c>,
/// a websearch-style AND of the words, built from <see cref="SearchQuery"/>'s plain words only, so no query syntax
/// gets through. A German stem is a prefix of its word, so the stems never widen the hit set: both engines find
/// the same entities.</para>
/// <para>Ranking is <c>ts_rank</c> with the weights A 1.0, B 0.5, C 0.1 (the SQLite index's 10 : 5 : 1) over the
/// prefixes and the words' German stems, so inflected forms of a word (<c>Veranstaltungen</c> →
/// <c>Veranstaltung</c>) count as whole-word matches; then, as on SQLite, each of the best
/// <see cref="SearchQuery.MaxRankedHits"/> gains <see cref="SqliteSearchIndex.NeighbourShare"/> of the relevance
/// of the other matches related to it. The highlight is <c>ts_headline</c> of the first field holding a word of the query,
/// with the matches between « and ».</para>
/// </remarks>
public sealed class PostgresSearchIndex(SmartCityDbContext db) : ISearchIndex
{
    /// <summary>
    /// Most matches scored per search. A very broad word on a very large graph ("water" matches 44,701 of 1M synthetic
    /// entities) would otherwise have every match read and scored before the best are taken, so search would grow with
    /// the data; beyond this many, the matches first met in the index are scored and ranked. <c>totalCount</c> still
    /// counts them all. Real knowledge bases of this kind are far below it.
    /// </summary>
    public const int MaxScoredMatches = 5_000;

    /// <summary>ts_rank's weights for D, C, B, A: body 0.1, other names 0.5, title 1.0.</summary>
    private const string Weights = "ARRAY[0.0, 0.1, 0.5, 1.0]::real[]";
    private const string PrefixParameter = "{0}", StemParameter = "{1}", AnyWordParameter = "{2}"; // SqlQueryRaw's placeholders
    private const string HeadlineOptions = "StartSel=«, StopSel=», MaxWords=16, MinWords=8, ShortWord=0, HighlightAll=FALSE, MaxFragments=1, FragmentDelimiter=\" … \"";

    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(
        SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var parameters = new List<object> { PrefixQuery(query), StemQuery(query), AnyWordQuery(query) };
        var sql = $"""
            WITH q AS (
                SELECT to_tsquery('smartcity_simple', {PrefixParameter}) AS match,
                       to_tsquery('smartcity_simple', {PrefixParameter}) || to_tsquery('smartcity_german', {StemParameter}) AS rank,
                       to_tsquery('smartcity_simple', {AnyWordParameter}) AS word),
            hits AS (
                SELECT c."Id", ts_rank({Weights}, c."SearchVector", q.rank) AS "Relevance"
                FROM (SELECT e."Id", e."SearchVector" FROM "Entities" AS e, q
                      WHERE e."SearchVector" @@ q.match{KindFilter(kinds, parameters)}
                      LIMIT {Invariant(MaxScoredMatches)}) AS c, q
                ORDER BY "Relevance" DESC, c."Id"
                LIMIT {Invariant(SearchQuery.MaxRankedHits)}),
            -- The relations between two hits, then each hit's share of the other ends' relevance: set-based joins,
            -- since a correlated subquery over the hits would scan them once per relation.
            edges AS (
                SELECT r."FromId", r."ToId" FROM "Relations" AS r
                WHERE r."FromId" = ANY(ARRAY(SELECT "Id" FROM hits)) AND r."ToId" = ANY(ARRAY(SELECT "Id" FROM hits))
                  AND r."FromId" <> r."ToId"),
            boost AS (
                SELECT ends."Id", sum(other."Relevance") AS "Related"
                FROM (SELECT "FromId" AS "Id", "ToId" AS "Other" FROM edges UNION ALL SELECT "ToId", "FromId" FROM edges) AS ends
                JOIN hits AS other ON other."Id" = ends."Other"
                GROUP BY ends."Id"),
            scored AS (
                SELECT h."Id", h."Relevance" + {SqliteSearchIndex.NeighbourShare.ToString("0.0##", CultureInfo.InvariantCulture)} * coalesce(b."Related", 0) AS "Score"
                FROM hits AS h LEFT JOIN boost AS b ON b."Id" = h."Id"),
            page AS (
                SELECT "Id", "Score" FROM scored
                ORDER BY "Score" DESC, "Id"
                LIMIT {Invariant(count)} OFFSET {Invariant(offset)})
            SELECT page."Id" AS "EntityId", page."Score"::double precision AS "Score",
                   CASE WHEN to_tsvector('smartcity_simple', {Title}) @@ q.word
                            THEN ts_headline('smartcity_simple', {Title}, q.word, '{HeadlineOptions}')
                        WHEN to_tsvector('smartcity_simple', {Alias}) @@ q.word
                            THEN ts_headline('smartcity_simple', {Alias}, q.word, '{HeadlineOptions}')
                        ELSE ts_headline('smartcity_simple', {Body}, q.word, '{HeadlineOptions}') END AS "Highlight"
            FROM page JOIN "Entities" AS e ON e."Id" = page."Id", q
            ORDER BY page."Score" DESC, page."Id"
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, [.. parameters]).ToListAsync(ct);
        return rows.Select(r => new SearchMatch(r.EntityId, r.Score, r.Highlight)).ToList();
    }

    public async Task<int> CountAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default)
    {
        var parameters = new List<object> { PrefixQuery(query) };
        var sql = $"""
            SELECT count(*)::integer AS "Value" FROM "Entities" AS e
            WHERE e."SearchVector" @@ to_tsquery('smartcity_simple', {PrefixParameter}){KindFilter(kinds, parameters)}
            """;
        return (await db.Database.SqlQueryRaw<int>(sql, [.. parameters]).ToListAsync(ct)).Single();
    }

    /// <summary>
    /// The matching query: every word (or a translation of it) as a prefix, <c>(wasser:* | water:*) &amp; (platz:* | square:*)</c>.
    /// Words hold only letters, digits and marks (see <see cref="SearchQuery"/>), none of which is tsquery syntax.
    /// </summary>
    public static string PrefixQuery(SearchQuery query)
    {
        var expression = new StringBuilder();
        foreach (var term in query.Terms)
        {
            if (expression.Length > 0) expression.Append(" & ");
            expression.Append('(').AppendJoin(" | ", new[] { term.Word }.Concat(term.Alternatives).Select(w => w + ":*")).Append(')');
        }
        return expression.ToString();
    }

    /// <summary>
    /// Any word as a prefix, for the highlight: the words of a match may be spread over title and summary, and
    /// ts_headline marks only what its query finds in the one field it is given.
    /// </summary>
    public static string AnyWordQuery(SearchQuery query) =>
        string.Join(" | ", query.Terms.SelectMany(t => new[] { t.Word }.Concat(t.Alternatives)).Select(w => w + ":*"));

    /// <summary>Every word and translation as a whole word, for the German stems' share of the ranking.</summary>
    public static string StemQuery(SearchQuery query) =>
        string.Join(" | ", query.Terms.SelectMany(t => new[] { t.Word }.Concat(t.Alternatives)));

    /// <summary>The title in every language as the index sees it (the same expression as the migration's).</summary>
    private const string Title = """(e."Title" || ' ' || coalesce(e."TitleDe", '') || ' ' || coalesce(e."TitleEn", ''))""";

    /// <summary>The other names as the index sees them (the same expression as the migration's).</summary>
    private const string Alias = """
        (coalesce(e."SeedTitle", '') || ' ' || coalesce(e."Abbreviation", '') || ' ' || coalesce(smartcity_words(e."Aliases"), ''))
        """;

    /// <summary>The summaries, a term's definition and, for events, the type in words (the same expression as the migration's).</summary>
    private const string Body = """
        (coalesce(e."Summary", '') || ' ' || coalesce(e."SummaryDe", '') || ' ' || coalesce(e."Definition", '') || ' ' ||
            coalesce(CASE e."EventType" WHEN 'OnlineConsultation' THEN 'online consultation'
            WHEN 'RoundTable' THEN 'round table' ELSE lower(e."EventType") END, ''))
        """;

    private static string KindFilter(IReadOnlyCollection<NodeKind>? kinds, List<object> parameters)
    {
        if (kinds is null || kinds.Count == 0) return "";
        parameters.Add(kinds.Distinct().Select(k => k.ToString()).ToArray());
        return " AND e.\"Kind\" = ANY({" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}::text[])";
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public int EntityId { get; set; }
        public double Score { get; set; }
        public string? Highlight { get; set; }
    }
}
