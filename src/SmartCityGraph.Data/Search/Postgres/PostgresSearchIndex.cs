using System.Globalization;
using System.Text;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Search.Sqlite;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Postgres;

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
/// <c>Veranstaltung</c>) count as whole-word matches; then, as on SQLite, each scored match (at most
/// <see cref="MaxScoredMatches"/>) gains <see cref="SqliteSearchIndex.NeighbourShare"/> of the relevance
/// of the other scored matches related to it.</para>
/// <para>Which matches are scored when there are more than that: a one-word search (with its translations, without a
/// kind filter) takes the best by the precomputed ranking of <c>SearchPostings</c> (migration <c>SearchPostings</c>:
/// each word of each entity with the rank it alone gives), read from a B-tree in rank order that stops after
/// <see cref="MaxScoredMatches"/> per word, so the work does not grow with the number of matches. A search of several
/// words, or with kinds, intersects in the GIN index and scores the first matches it yields. Below the cap both score
/// every match, so the hits and scores are the same either way.</para>
/// <para>The highlight is <c>ts_headline</c> of the first field holding a word of the query,
/// with the matches between « and ».</para>
/// <para>Runs as prepared statements (<see cref="PostgresReads"/>); the page's entities are read with their hits, in
/// the same statement, as on SQLite.</para>
/// </remarks>
public sealed class PostgresSearchIndex(PostgresReads reads, ModelRows rows) : ISearchIndex
{
    /// <summary>
    /// Most matches scored per search: as many as a ranking reaches (<see cref="SearchQuery.MaxRankedHits"/>), as on
    /// SQLite. A very broad word on a very large graph ("water" matches 44,701 of 1M synthetic entities) would otherwise
    /// have every match read and scored before the best are taken, so search would grow with the data; beyond this
    /// many, the first matches the index yields (in table order) are the ones scored and ranked. <c>totalCount</c> still counts them all.
    /// </summary>
    public const int MaxScoredMatches = SearchQuery.MaxRankedHits;

    /// <summary>ts_rank's weights for D, C, B, A: body 0.1, other names 0.5, title 1.0.</summary>
    private const string Weights = "ARRAY[0.0, 0.1, 0.5, 1.0]::real[]";
    private const string HeadlineOptions = "StartSel=«, StopSel=», MaxWords=16, MinWords=8, ShortWord=0, HighlightAll=FALSE, MaxFragments=1, FragmentDelimiter=\" … \"";

    private readonly SqlStatement[] _search = [SearchStatement(rows, withKinds: false), SearchStatement(rows, withKinds: true)];
    private readonly SqlStatement _rankedSearch = RankedSearchStatement(rows);

    /// <summary>The search statement (positional parameters: prefix query, stem query, any-word query, count, offset[, kinds]).</summary>
    public string SearchSql(bool withKinds) => _search[withKinds ? 1 : 0].Text;

    /// <summary>The one-word search statement (positional parameters: prefix query, stem query, any-word query, count, offset, words).</summary>
    public string RankedSearchSql => _rankedSearch.Text;

    /// <summary>
    /// Whether a search takes its candidates from the precomputed ranking: one word (its translations are
    /// alternatives of it), no kind filter, and only letters and digits, which the text search parser keeps as one
    /// word each (a combining mark could split one), so each is a single prefix of the ranking's words.
    /// </summary>
    public static bool UsesRanking(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds) =>
        kinds is not { Count: > 0 } && query.Terms.Count == 1
        && RankedWords(query).All(word => word.All(char.IsLetterOrDigit));

    /// <summary>The word and its translations, as the ranking's prefixes (the database folds case and accents).</summary>
    public static string[] RankedWords(SearchQuery query) => [.. query.Terms.SelectMany(t => t.Words).Distinct()];

    public async Task<IReadOnlyList<SearchMatch>> SearchAsync(
        SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, int offset, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var withKinds = kinds is { Count: > 0 };
        var ranked = UsesRanking(query, kinds);
        object[] parameters = ranked ? [PrefixQuery(query), StemQuery(query), AnyWordQuery(query), count, offset, RankedWords(query)]
            : withKinds ? [PrefixQuery(query), StemQuery(query), AnyWordQuery(query), count, offset, KindNames(kinds!)]
            : [PrefixQuery(query), StemQuery(query), AnyWordQuery(query), count, offset];
        var statement = ranked ? _rankedSearch : _search[withKinds ? 1 : 0];
        var shape = rows.Entities;
        return await reads.QueryAsync(statement, parameters,
            r => new SearchMatch(r.GetInt32(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetString(2), shape.Read(r, 3)), ct);
    }

    /// <summary>
    /// One statement: the first <see cref="MaxScoredMatches"/> matches the GIN index yields (in table order) with their
    /// ts_rank relevance, each one's gain from the other scored matches related to it, the page of the ranking, its
    /// highlights and its entities.
    /// </summary>
    /// <remarks>
    /// The matching tsquery comes from the <c>q</c> CTE, so the planner cannot see the words and always takes the GIN
    /// index (a bitmap of every match, then the heap in table order until the cap). Seeing a very common word it would
    /// rather read the table or the primary key and stop at the cap: a sequential scan of a large table starts where the
    /// last one stopped (synchronised scans), so each run would score other matches, and a walk in id order reads
    /// everything before the first match when the word lives only in late ids (a kind, recent entities) — 3× slower
    /// than the bitmap at 1M entities.
    /// </remarks>
    private static SqlStatement SearchStatement(ModelRows rows, bool withKinds)
    {
        var kindFilter = withKinds ? """ AND e."Kind" = ANY($6::text[])""" : "";
        var hits = $"""
            hits AS (
                SELECT c."Id", ts_rank({Weights}, c."SearchVector", q.rank) AS "Relevance"
                FROM (SELECT e."Id", e."SearchVector" FROM "Entities" AS e, q
                      WHERE e."SearchVector" @@ q.match{kindFilter}
                      LIMIT {Invariant(MaxScoredMatches)}) AS c, q)
            """;
        return Scored(rows, "WITH", hits, withKinds ? ["$1", "$2", "$3", "$4", "$5", "$6"] : ["$1", "$2", "$3", "$4", "$5"]);
    }

    /// <summary>
    /// One statement for a one-word search: the words of the ranking each prefix covers (a skip over the ranking's
    /// index, one descent per distinct word), the best <see cref="MaxScoredMatches"/> entities of each word in rank
    /// order (an index-only read that stops there), the best of those overall, and then, as for any search, their
    /// <c>ts_rank</c>, the neighbour gain, the page and its entities.
    /// </summary>
    /// <remarks>
    /// An entity's candidate rank is the sum of its words' ranks (<c>ts_rank</c> sums over the query's words too), from
    /// the lists it made; the score itself is computed afresh from the entity's vector. The prefixes are the query's
    /// words folded as the index folds them (<c>to_tsvector('smartcity_simple', …)</c>); the words of a prefix are
    /// those from it up to the string just above it (its last character's successor: the database sorts words in code
    /// point order, <c>C.UTF-8</c>).
    /// </remarks>
    private static SqlStatement RankedSearchStatement(ModelRows rows)
    {
        var hits = $"""
            prefixes AS (
                SELECT DISTINCT f."Prefix", left(f."Prefix", -1) || chr(ascii(right(f."Prefix", 1)) + 1) AS "Above"
                FROM unnest($6::text[]) AS w,
                     LATERAL (SELECT min(v.lexeme) AS "Prefix" FROM unnest(to_tsvector('smartcity_simple', w)) AS v) AS f
                WHERE f."Prefix" IS NOT NULL),
            words AS (
                SELECT p."Above", (SELECT min(s."Lexeme") FROM "SearchPostings" AS s
                                   WHERE s."Lexeme" >= p."Prefix" AND s."Lexeme" < p."Above") AS "Lexeme"
                FROM prefixes AS p
                UNION ALL
                SELECT w."Above", (SELECT min(s."Lexeme") FROM "SearchPostings" AS s
                                   WHERE s."Lexeme" > w."Lexeme" AND s."Lexeme" < w."Above")
                FROM words AS w WHERE w."Lexeme" IS NOT NULL),
            candidates AS (
                SELECT best."EntityId", sum(best."Rank") AS "Rank"
                FROM (SELECT DISTINCT "Lexeme" FROM words WHERE "Lexeme" IS NOT NULL) AS w
                CROSS JOIN LATERAL (
                    SELECT s."EntityId", s."Rank" FROM "SearchPostings" AS s WHERE s."Lexeme" = w."Lexeme"
                    ORDER BY s."Rank" DESC, s."EntityId"
                    LIMIT {Invariant(MaxScoredMatches)}) AS best
                GROUP BY best."EntityId"
                ORDER BY "Rank" DESC, best."EntityId"
                LIMIT {Invariant(MaxScoredMatches)}),
            hits AS (
                SELECT e."Id", ts_rank({Weights}, e."SearchVector", q.rank) AS "Relevance"
                FROM candidates AS c JOIN "Entities" AS e ON e."Id" = c."EntityId", q)
            """;
        return Scored(rows, "WITH RECURSIVE", hits, ["$1", "$2", "$3", "$4", "$5", "$6"]);
    }

    /// <summary>
    /// What every search does after its <c>hits</c> (the id and ts_rank relevance of each scored match): each hit's
    /// gain from the other scored matches related to it, the page of the ranking, its highlights and its entities.
    /// The relations between scored matches are read once, from each match's outgoing side (one descent of the
    /// FromId index per match).
    /// </summary>
    private static SqlStatement Scored(ModelRows rows, string with, string hits, string[] parameters)
    {
        var sql = $"""
            {with} q AS (
                SELECT to_tsquery('smartcity_simple', $1) AS match,
                       to_tsquery('smartcity_simple', $1) || to_tsquery('smartcity_german', $2) AS rank,
                       to_tsquery('smartcity_simple', $3) AS word),
            {hits},
            -- The relations between two hits, then each hit's share of the other ends' relevance: set-based joins,
            -- since a correlated subquery over the hits would scan them once per relation.
            edges AS (
                SELECT r."FromId", r."ToId" FROM hits AS h
                JOIN "Relations" AS r ON r."FromId" = h."Id"
                JOIN hits AS other ON other."Id" = r."ToId"
                WHERE r."FromId" <> r."ToId"),
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
                LIMIT $4 OFFSET $5)
            SELECT page."Id" AS "EntityId", page."Score"::double precision AS "Score",
                   CASE WHEN to_tsvector('smartcity_simple', {Title}) @@ q.word
                            THEN ts_headline('smartcity_simple', {Title}, q.word, '{HeadlineOptions}')
                        WHEN to_tsvector('smartcity_simple', {Alias}) @@ q.word
                            THEN ts_headline('smartcity_simple', {Alias}, q.word, '{HeadlineOptions}')
                        ELSE ts_headline('smartcity_simple', {Body}, q.word, '{HeadlineOptions}') END AS "Highlight"
                   , {rows.Entities.SelectList("e")}
            FROM page JOIN "Entities" AS e ON e."Id" = page."Id", q
            ORDER BY page."Score" DESC, page."Id"
            """;
        return new SqlStatement(sql, parameters);
    }

    public async Task<int> CountAsync(SearchQuery query, IReadOnlyCollection<NodeKind>? kinds, CancellationToken ct = default)
    {
        var withKinds = kinds is { Count: > 0 };
        var statement = _count[withKinds ? 1 : 0];
        object[] parameters = withKinds ? [PrefixQuery(query), KindNames(kinds!)] : [PrefixQuery(query)];
        var counts = await reads.QueryAsync(statement, parameters, r => r.GetInt32(0), ct);
        return counts.Single();
    }

    private readonly SqlStatement[] _count = [CountStatement(withKinds: false), CountStatement(withKinds: true)];

    private static SqlStatement CountStatement(bool withKinds) => new($"""
        SELECT count(*)::integer AS "Value" FROM "Entities" AS e
        WHERE e."SearchVector" @@ to_tsquery('smartcity_simple', $1){(withKinds ? """ AND e."Kind" = ANY($2::text[])""" : "")}
        """, withKinds ? ["$1", "$2"] : ["$1"]);

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
            expression.Append('(').AppendJoin(" | ", term.Words.Select(w => w + ":*")).Append(')');
        }
        return expression.ToString();
    }

    /// <summary>
    /// Any word as a prefix, for the highlight: the words of a match may be spread over title and summary, and
    /// ts_headline marks only what its query finds in the one field it is given.
    /// </summary>
    public static string AnyWordQuery(SearchQuery query) =>
        string.Join(" | ", query.Terms.SelectMany(t => t.Words).Select(w => w + ":*"));

    /// <summary>Every word and translation as a whole word, for the German stems' share of the ranking.</summary>
    public static string StemQuery(SearchQuery query) =>
        string.Join(" | ", query.Terms.SelectMany(t => t.Words));

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

    private static string[] KindNames(IReadOnlyCollection<NodeKind> kinds) => [.. kinds.Distinct().Select(k => k.ToString())];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
