using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartCityGraph.Data.Graph;
using SmartCityGraph.Data.Storage.Sqlite;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Graph.Sqlite;

/// <summary>
/// <see cref="IGraphReader"/> on SQLite: each read is one prepared statement (<see cref="SqliteReads"/>) with a
/// fixed text per variant, and lists of ids, keys or types go in as one JSON parameter read with <c>json_each</c>,
/// so the text never depends on how many there are.
/// </summary>
/// <remarks>
/// A parent's window is a correlated <c>IN (… ORDER BY … LIMIT n)</c> (SQLite has no LATERAL): each parent reads
/// only its first n index entries, so a hub with 18,000 events costs what a parent with 18 costs; the items are
/// joined in the same statement. Joins are written <c>CROSS JOIN</c> where SQLite must drive them from the
/// parents: without statistics it would otherwise start from "every entity of the kind".
/// </remarks>
public sealed class SqliteGraphReader(SqliteReads reads, ModelRows rows) : IGraphReader
{
    private readonly ConcurrentDictionary<string, SqlStatement> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqlStatement> _pages = new(StringComparer.Ordinal);

    /// <summary>
    /// Most distinct page statements kept prepared (their text follows the shape of a client's filter and order, not
    /// its values); pages of further shapes go to EF Core rather than grow every connection's statements without bound.
    /// </summary>
    public const int MaxPageStatements = 1_000;

    /// <inheritdoc />
    public bool CountsDegreesCheaply => false;

    public Task<List<Entity>> EntitiesAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default)
    {
        if (ids.Count == 0) return Task.FromResult(new List<Entity>());
        var shape = members is null ? rows.Entities : rows.EntitiesWith(members) ?? rows.Entities;
        var statement = Statement("entities-by-id|" + shape.Key, () => new SqlStatement(
            $"""SELECT {shape.SelectList("e")} FROM "Entities" AS e WHERE e."Id" IN (SELECT value FROM json_each($ids))""", "$ids"));
        return Task.FromResult(reads.Query(statement, [IdList(ids)], shape, ReadAll, ct));
    }

    /// <remarks>
    /// <c>SELECT … FROM "Entities" WHERE kind AND where ORDER BY keys LIMIT n</c>, written by <see cref="SqlitePredicates"/>:
    /// the kind is a literal so the planner picks the kind's indexes, and each key is a plain column, so an index such as
    /// (Kind, StartDate, Id) serves the order and the page stops after n rows.
    /// </remarks>
    public Task<List<T>?> EntityPageAsync<T>(EntityPage<T> page, CancellationToken ct = default) where T : Entity
    {
        if (rows.KindOf<T>() is not { } kind || rows.Of<T>(page.Members) is not { } shape) return Task.FromResult<List<T>?>(null);
        if (page.Take <= 0) return Task.FromResult<List<T>?>([]);
        var sql = SqlitePredicates.For(rows, typeof(T), "e")
            .Append($"""
                SELECT {shape.SelectList("e")}
                FROM "Entities" AS e
                WHERE e."{kind.Column}" = '{kind.Value}'
                """);
        if (page.Where is { } where && !sql.Append(" AND ").TryWrite(where)) return Task.FromResult<List<T>?>(null);
        sql.Append("\nORDER BY ");
        for (var i = 0; i < page.Order.Count; i++)
        {
            if (i > 0) sql.Append(", ");
            if (!sql.TryWriteOrder(page.Order[i].Key, page.Order[i].Descending)) return Task.FromResult<List<T>?>(null);
        }
        sql.Append($"\nLIMIT {SqliteReads.BoundLimit("$take")}");
        var text = sql.Sql;
        if (!_pages.TryGetValue(text, out var statement))
        {
            if (_pages.Count >= MaxPageStatements) return Task.FromResult<List<T>?>(null);
            statement = _pages.GetOrAdd(text, _ => new SqlStatement(text, [.. sql.ParameterNames, "$take"]));
        }
        object?[] values = [.. sql.Values, page.Take];
        return Task.FromResult<List<T>?>(reads.Query(statement, values, shape, ReadAll, ct));
    }

    public Task<List<Entity>> EntitiesByKeyAsync(IReadOnlyCollection<(NodeKind Kind, string Key)> names, CancellationToken ct = default)
    {
        if (names.Count == 0) return Task.FromResult(new List<Entity>());
        var shape = rows.Entities;
        // Each (kind, key) pair seeks the (Kind, Key) index; keys are unique per kind only.
        var statement = Statement("entities-by-key", () => new SqlStatement(
            $"""
            SELECT {shape.SelectList("e")}
            FROM json_each($names) AS n
            CROSS JOIN "Entities" AS e ON e."Kind" = json_extract(n.value, '$[0]') AND e."Key" = json_extract(n.value, '$[1]')
            """, "$names"));
        var json = JsonSerializer.Serialize(names.Select(n => new[] { n.Kind.ToString(), n.Key }));
        return Task.FromResult(reads.Query(statement, [json], shape, ReadAll, ct));
    }

    public Task<List<Relation>> RelationsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default)
    {
        if (ids.Count == 0) return Task.FromResult(new List<Relation>());
        var shape = members is null ? rows.Relations : rows.RelationsWith(members);
        var statement = Statement("relations-by-id|" + shape.Key, () => new SqlStatement(
            $"""SELECT {shape.SelectList("r")} FROM "Relations" AS r WHERE r."Id" IN (SELECT value FROM json_each($ids)) ORDER BY r."Id" """, "$ids"));
        return Task.FromResult(reads.Query(statement, [IdList(ids)], shape, ReadAll, ct));
    }

    public Task<List<ParentRow<Relation>>> RelationWindowsAsync(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, KeyWindow window, CancellationToken ct = default)
    {
        if (parentIds.Count == 0 || window.Take <= 0) return Task.FromResult(new List<ParentRow<Relation>>());
        var hasTypes = types is { Count: > 0 };
        var shape = rows.Relations;
        var statement = Statement($"relation-windows|{direction}|{hasTypes}|{Bounds(window)}", () =>
        {
            string Window(string parentEnd) => $"""
                SELECT w."Id" FROM "Relations" AS w
                WHERE w."{parentEnd}" = p.value{(hasTypes ? TypeFilter("w") : "")}{KeyRange("w.\"Id\"", window)}
                ORDER BY w."Id" {Order(window)} LIMIT {Take}
                """;
            var ids = direction switch
            {
                WalkDirection.Out => Window("FromId"),
                WalkDirection.In => Window("ToId"),
                _ => $"SELECT \"Id\" FROM ({Window("FromId")}) UNION SELECT \"Id\" FROM ({Window("ToId")})",
            };
            return new SqlStatement(
                $"""
                SELECT p.value, {shape.SelectList("r")}
                FROM json_each($parents) AS p
                JOIN "Relations" AS r ON r."Id" IN ({ids})
                """, WindowParameters(hasTypes));
        });
        return Task.FromResult(reads.Query(statement, WindowValues(parentIds, types, window), shape, ReadParentRows, ct));
    }

    public Task<Dictionary<int, int>> RelationCountsAsync(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, CancellationToken ct = default)
    {
        if (parentIds.Count == 0) return Task.FromResult(new Dictionary<int, int>());
        var hasTypes = types is { Count: > 0 };
        var statement = Statement($"relation-counts|{direction}|{hasTypes}", () =>
        {
            string Count(string parentEnd) =>
                $"""(SELECT count(*) FROM "Relations" AS w WHERE w."{parentEnd}" = p.value{(hasTypes ? TypeFilter("w") : "")})""";
            var count = direction switch
            {
                WalkDirection.Out => Count("FromId"),
                WalkDirection.In => Count("ToId"),
                _ => $"{Count("FromId")} + {Count("ToId")}",
            };
            return new SqlStatement($"SELECT p.value, {count} FROM json_each($parents) AS p", hasTypes ? ["$parents", "$types"] : ["$parents"]);
        });
        object?[] values = hasTypes ? [IdList(parentIds), TypeList(types!)] : [IdList(parentIds)];
        return Task.FromResult(reads.Query(statement, values, 0, static (reader, _) =>
        {
            var counts = new Dictionary<int, int>();
            while (reader.Read()) counts[reader.GetInt32(0)] = reader.GetInt32(1);
            return counts;
        }, ct));
    }

    public Task<List<ParentRow<T>>> NeighbourWindowsAsync<T>(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind, KeyWindow window,
        IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity
    {
        if (direction == WalkDirection.Both) throw new ArgumentException("A neighbour window walks one direction.", nameof(direction));
        if (parentIds.Count == 0 || window.Take <= 0) return Task.FromResult(new List<ParentRow<T>>());
        var shape = Shape<T>(members);
        var (parentEnd, childEnd) = Ends(direction);
        var statement = Statement($"neighbour-windows|{direction}|{Bounds(window)}|{shape.Key}", () => new SqlStatement(
            $"""
            SELECT p.value, {shape.SelectList("c")}
            FROM json_each($parents) AS p
            JOIN "Entities" AS c ON c."Id" IN (
                SELECT DISTINCT w."{childEnd}" FROM "Relations" AS w
                WHERE w."{parentEnd}" = p.value{TypeFilter("w")}
                  AND (SELECT k."Kind" FROM "Entities" AS k WHERE k."Id" = w."{childEnd}") = $kind{KeyRange($"w.\"{childEnd}\"", window)}
                ORDER BY w."{childEnd}" {Order(window)} LIMIT {Take})
            """, [.. WindowParameters(hasTypes: true), "$kind"]));
        object?[] values = [.. WindowValues(parentIds, types, window), kind.ToString()];
        return Task.FromResult(reads.Query(statement, values, shape, ReadParentRows, ct));
    }

    public Task<List<Link<T>>> NeighbourLinksAsync<T>(
        IReadOnlyCollection<int> ownerIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind? kind,
        IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity
    {
        if (ownerIds.Count == 0) return Task.FromResult(new List<Link<T>>());
        var shape = Shape<T>(members);
        var statement = Statement($"neighbour-links|{direction}|{kind is null}|{shape.Key}", () =>
        {
            string Links(WalkDirection walk)
            {
                var (ownerEnd, neighbourEnd) = Ends(walk);
                return $"""
                    SELECT p.value, w."Id", {shape.SelectList("c")}
                    FROM json_each($owners) AS p
                    CROSS JOIN "Relations" AS w ON w."{ownerEnd}" = p.value{TypeFilter("w")}
                    CROSS JOIN "Entities" AS c ON c."Id" = w."{neighbourEnd}"{(kind is null ? "" : " AND c.\"Kind\" = $kind")}
                    """;
            }
            var sql = direction == WalkDirection.Both ? $"{Links(WalkDirection.Out)}\nUNION ALL\n{Links(WalkDirection.In)}" : Links(direction);
            return new SqlStatement(sql, kind is null ? ["$owners", "$types"] : ["$owners", "$types", "$kind"]);
        });
        object?[] values = kind is null ? [IdList(ownerIds), TypeList(types)] : [IdList(ownerIds), TypeList(types), kind.ToString()];
        return Task.FromResult(reads.Query(statement, values, shape, static (reader, shape) =>
        {
            var links = new List<Link<T>>();
            while (reader.Read()) links.Add(new Link<T>(reader.GetInt32(0), reader.GetInt32(1), shape.Read(reader, 2)));
            return links;
        }, ct));
    }

    public Task<List<GraphEdge>> EdgesTouchingAsync(
        IReadOnlyCollection<int> frontier, IReadOnlyCollection<RelationType>? types, bool withKinds, int limit, CancellationToken ct = default)
    {
        if (frontier.Count == 0 || limit <= 0) return Task.FromResult(new List<GraphEdge>());
        var hasTypes = types is { Count: > 0 };
        var statement = Statement($"edges-touching|{hasTypes}|{withKinds}", () =>
        {
            // Each branch reads only the (FromId, Type, ToId) or (ToId, Type, FromId) index; UNION keeps a relation
            // between two frontier entities (or a self-loop) once.
            string Touching(string end) => $"""
                SELECT r."Id", r."FromId", r."ToId" FROM json_each($frontier) AS p
                CROSS JOIN "Relations" AS r ON r."{end}" = p.value{(hasTypes ? TypeFilter("r") : "")}
                """;
            var kinds = withKinds
                ? """, (SELECT k."Kind" FROM "Entities" AS k WHERE k."Id" = t."FromId"), (SELECT k."Kind" FROM "Entities" AS k WHERE k."Id" = t."ToId")"""
                : "";
            return new SqlStatement(
                $"""
                SELECT t."Id", t."FromId", t."ToId"{kinds}
                FROM ({Touching("FromId")}
                      UNION
                      {Touching("ToId")}) AS t
                LIMIT {Limit}
                """, hasTypes ? ["$frontier", "$types", "$limit"] : ["$frontier", "$limit"]);
        });
        object?[] values = hasTypes ? [IdList(frontier), TypeList(types!), limit] : [IdList(frontier), limit];
        return Task.FromResult(reads.Query(statement, values, withKinds, static (reader, withKinds) =>
        {
            var edges = new List<GraphEdge>();
            while (reader.Read())
                edges.Add(withKinds
                    ? new GraphEdge(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), Enum.Parse<NodeKind>(reader.GetString(3)), Enum.Parse<NodeKind>(reader.GetString(4)))
                    : new GraphEdge(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), default, default));
            return edges;
        }, ct));
    }

    public Task<FrontierStep> CheaperFrontierEdgesAsync(
        WalkFrontier first, WalkFrontier second, IReadOnlyCollection<RelationType>? types, int limit, CancellationToken ct = default)
    {
        var hasTypes = types is { Count: > 0 };
        var statement = Statement($"cheaper-frontier-edges|{hasTypes}", () => CheaperFrontierEdgesStatement(hasTypes));
        object?[] values = hasTypes
            ? [IdList(first.Ids), IdList(second.Ids), first.Degree ?? -1, second.Degree ?? -1, limit, TypeList(types!)]
            : [IdList(first.Ids), IdList(second.Ids), first.Degree ?? -1, second.Degree ?? -1, limit];
        return Task.FromResult(reads.Query(statement, values, 0, static (reader, _) =>
        {
            var edges = new List<GraphEdge>();
            (bool Second, int First, int SecondDegree) step = default;
            while (reader.Read())
            {
                if (reader.IsDBNull(3)) step = (reader.GetInt64(0) != 0, reader.GetInt32(1), reader.GetInt32(2));
                else edges.Add(new GraphEdge(reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), default, default));
            }
            return new FrontierStep(step.Second, step.First, step.SecondDegree, edges);
        }, ct));
    }

    /// <summary>
    /// The statement of <see cref="CheaperFrontierEdgesAsync"/> ($first, $second, their known degrees or -1, $limit,
    /// $types when given), public for the query-plan tests.
    /// </summary>
    /// <remarks>
    /// A degree is counted (over the covering end indexes) only when unknown, CASE evaluating its subquery lazily; the
    /// relations are read from the chosen frontier only, the other one never being walked (the <c>json_each</c> list
    /// is chosen by CASE, as a constant WHERE term would still loop over the other frontier's relations). The counts
    /// come as a first row of their own (no id), so the relations stream rather than being materialised for a join.
    /// </remarks>
    public static SqlStatement CheaperFrontierEdgesStatement(bool hasTypes)
    {
        var typeFilter = hasTypes ? TypeFilter("r") : "";
        string Touching(string ids, string end, string columns) =>
            $"""SELECT {columns} FROM json_each({ids}) AS p CROSS JOIN "Relations" AS r ON r."{end}" = p.value{typeFilter}""";
        string Degree(string ids, string known, string limit) => $"""
            SELECT CASE WHEN {known} >= 0 THEN {known} ELSE (SELECT count(*) FROM (
                {Touching(ids, "FromId", "1")}
                UNION ALL
                {Touching(ids, "ToId", "1")}
                LIMIT {limit})) END
            """;
        const string edge = """r."Id", r."FromId", r."ToId" """;
        const string chosen = "CASE WHEN (SELECT second FROM pick) THEN $second ELSE $first END";
        return new SqlStatement(
            $"""
            WITH a(n) AS MATERIALIZED ({Degree("$first", "$firstDegree", "CASE WHEN $secondDegree >= 0 THEN min($limit, $secondDegree + 1) ELSE $limit END")}),
                 b(n) AS MATERIALIZED ({Degree("$second", "$secondDegree", "(SELECT n FROM a) + 1")}),
                 pick(second) AS MATERIALIZED (SELECT (SELECT n FROM b) < (SELECT n FROM a))
            SELECT pick.second, a.n, b.n, NULL, NULL, NULL FROM pick CROSS JOIN a CROSS JOIN b
            UNION ALL
            SELECT NULL, NULL, NULL, t."Id", t."FromId", t."ToId" FROM (
                {Touching(chosen, "FromId", edge)}
                UNION
                {Touching(chosen, "ToId", edge)}
                LIMIT {Limit}) AS t
            """, hasTypes
                ? ["$first", "$second", "$firstDegree", "$secondDegree", "$limit", "$types"]
                : ["$first", "$second", "$firstDegree", "$secondDegree", "$limit"]);
    }

    /// <summary>Items of kind <typeparamref name="T"/> with <paramref name="members"/>, or whole when those cannot be projected.</summary>
    private RowShape<T> Shape<T>(IReadOnlyCollection<string>? members) where T : Entity =>
        rows.Of<T>(members) ?? rows.Of<T>(null) ?? throw new InvalidOperationException($"{typeof(T).Name} is not a mapped entity type.");

    private SqlStatement Statement(string key, Func<SqlStatement> create) =>
        _statements.TryGetValue(key, out var statement) ? statement : _statements.GetOrAdd(key, _ => create());

    private static List<T> ReadAll<T>(SqliteStatementReader reader, RowShape<T> shape)
    {
        var items = new List<T>();
        while (reader.Read()) items.Add(shape.Read(reader, 0));
        return items;
    }

    private static List<ParentRow<T>> ReadParentRows<T>(SqliteStatementReader reader, RowShape<T> shape)
    {
        var items = new List<ParentRow<T>>();
        while (reader.Read()) items.Add(new ParentRow<T>(reader.GetInt32(0), shape.Read(reader, 1)));
        return items;
    }

    private static (string Parent, string Child) Ends(WalkDirection direction) =>
        direction == WalkDirection.Out ? ("FromId", "ToId") : ("ToId", "FromId");

    private static string TypeFilter(string alias) => $" AND {alias}.\"Type\" IN (SELECT value FROM json_each($types))";

    private static string KeyRange(string key, KeyWindow window) =>
        (window.After is null ? "" : $" AND {key} > $after") + (window.Before is null ? "" : $" AND {key} < $before");

    private static string Order(KeyWindow window) => window.Descending ? "DESC" : "ASC";

    private static string Bounds(KeyWindow window) => $"{window.After is not null}|{window.Before is not null}|{window.Descending}";

    // LIMITs bound as values SQLite reads at run time, so a rebinding keeps the compiled statement (SqliteReads.BoundLimit).
    private static readonly string Take = SqliteReads.BoundLimit("$take");
    private static readonly string Limit = SqliteReads.BoundLimit("$limit");

    private static string[] WindowParameters(bool hasTypes) => hasTypes ? ["$parents", "$types", "$take", "$after", "$before"] : ["$parents", "$take", "$after", "$before"];

    private static object?[] WindowValues(IReadOnlyCollection<int> parentIds, IReadOnlyCollection<RelationType>? types, KeyWindow window) =>
        types is { Count: > 0 }
            ? [IdList(parentIds), TypeList(types), window.Take, window.After, window.Before]
            : [IdList(parentIds), window.Take, window.After, window.Before];

    /// <summary>A JSON array of ids ("[3,17,42]"), for <c>json_each</c>.</summary>
    private static string IdList(IReadOnlyCollection<int> ids)
    {
        var json = new StringBuilder(ids.Count * 7 + 2).Append('[');
        foreach (var id in ids)
        {
            if (json.Length > 1) json.Append(',');
            json.Append(id.ToString(CultureInfo.InvariantCulture));
        }
        return json.Append(']').ToString();
    }

    /// <summary>A JSON array of relation types as stored (their names).</summary>
    private static string TypeList(IReadOnlyCollection<RelationType> types) => JsonSerializer.Serialize(types.Distinct().Select(t => t.ToString()));
}
