using System.Collections.Concurrent;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Postgres;

namespace SmartCityGraph.Data.Graph.Postgres;

/// <summary>
/// <see cref="IGraphReader"/> on PostgreSQL: each read is one prepared statement (<see cref="PostgresReads"/>) with a
/// fixed text per variant; lists of ids, keys and types go in as arrays (<c>unnest</c>, <c>= ANY</c>), so the text
/// never depends on how many there are and PostgreSQL plans it once per connection.
/// </summary>
/// <remarks>
/// A parent's window is a <c>CROSS JOIN LATERAL (… ORDER BY key LIMIT n)</c> that walks the relation index from
/// the parent and stops after n entries (a hub with 18,000 events costs what a parent with 18 costs); the items
/// are joined in the same statement, as on SQLite.
/// </remarks>
public sealed class PostgresGraphReader(PostgresReads reads, ModelRows rows) : IGraphReader
{
    private readonly ConcurrentDictionary<string, SqlStatement> _statements = new(StringComparer.Ordinal);

    public async Task<List<Entity>> EntitiesAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var shape = members is null ? rows.Entities : rows.EntitiesWith(members) ?? rows.Entities;
        var statement = Statement("entities-by-id|" + shape.Key, () => new SqlStatement(
            $"""SELECT {shape.SelectList("e")} FROM "Entities" AS e WHERE e."Id" = ANY($1)""", "$1"));
        return await reads.QueryAsync(statement, [Ids(ids)], r => shape.Read(r, 0), ct);
    }

    public async Task<List<Entity>> EntitiesByKeyAsync(IReadOnlyCollection<(NodeKind Kind, string Key)> names, CancellationToken ct = default)
    {
        if (names.Count == 0) return [];
        var shape = rows.Entities;
        // Each (kind, key) pair seeks the (Kind, Key) index; keys are unique per kind only.
        var statement = Statement("entities-by-key", () => new SqlStatement(
            $"""
            SELECT {shape.SelectList("e")}
            FROM unnest($1::text[], $2::text[]) AS n("Kind", "Key")
            JOIN "Entities" AS e ON e."Kind" = n."Kind" AND e."Key" = n."Key"
            """, "$1", "$2"));
        var distinct = names.Distinct().ToList();
        object[] values = [distinct.Select(n => n.Kind.ToString()).ToArray(), distinct.Select(n => n.Key).ToArray()];
        return await reads.QueryAsync(statement, values, r => shape.Read(r, 0), ct);
    }

    public async Task<List<Relation>> RelationsAsync(IReadOnlyCollection<int> ids, IReadOnlyCollection<string>? members = null, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var shape = members is null ? rows.Relations : rows.RelationsWith(members);
        var statement = Statement("relations-by-id|" + shape.Key, () => new SqlStatement(
            $"""SELECT {shape.SelectList("r")} FROM "Relations" AS r WHERE r."Id" = ANY($1) ORDER BY r."Id" """, "$1"));
        return await reads.QueryAsync(statement, [Ids(ids)], r => shape.Read(r, 0), ct);
    }

    public async Task<List<ParentRow<Relation>>> RelationWindowsAsync(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, KeyWindow window, CancellationToken ct = default)
    {
        if (parentIds.Count == 0 || window.Take <= 0) return [];
        var hasTypes = types is { Count: > 0 };
        var shape = rows.Relations;
        var statement = Statement($"relation-windows|{direction}|{hasTypes}|{Bounds(window)}", () =>
        {
            var p = new Placeholders(hasTypes, window);
            // Over the (FromId, Id) and (ToId, Id) indexes: each parent's relations arrive in id order and LIMIT stops the walk.
            string Window(string parentEnd) => $"""
                (SELECT w."Id" FROM "Relations" AS w
                 WHERE w."{parentEnd}" = p."Id"{(hasTypes ? $" AND w.\"Type\" = ANY({p.Types})" : "")}{p.KeyRange("w.\"Id\"")}
                 ORDER BY w."Id" {Order(window)} LIMIT {p.Take})
                """;
            var ids = direction switch
            {
                WalkDirection.Out => Window("FromId"),
                WalkDirection.In => Window("ToId"),
                _ => $"{Window("FromId")}\n UNION\n{Window("ToId")}",
            };
            return new SqlStatement(
                $"""
                SELECT p."Id", {shape.SelectList("r")}
                FROM unnest($1::integer[]) AS p("Id")
                CROSS JOIN LATERAL ({ids}) AS win
                JOIN "Relations" AS r ON r."Id" = win."Id"
                """, p.Names);
        });
        return await reads.QueryAsync(statement, WindowValues(parentIds, types, window), r => new ParentRow<Relation>(r.GetInt32(0), shape.Read(r, 1)), ct);
    }

    public async Task<Dictionary<int, int>> RelationCountsAsync(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType>? types, CancellationToken ct = default)
    {
        if (parentIds.Count == 0) return [];
        var hasTypes = types is { Count: > 0 };
        var statement = Statement($"relation-counts|{direction}|{hasTypes}", () =>
        {
            string Count(string parentEnd) =>
                $"""(SELECT count(*) FROM "Relations" AS w WHERE w."{parentEnd}" = p."Id"{(hasTypes ? " AND w.\"Type\" = ANY($2::text[])" : "")})""";
            var count = direction switch
            {
                WalkDirection.Out => Count("FromId"),
                WalkDirection.In => Count("ToId"),
                _ => $"{Count("FromId")} + {Count("ToId")}",
            };
            return new SqlStatement($"""SELECT p."Id", ({count})::integer FROM unnest($1::integer[]) AS p("Id")""", hasTypes ? ["$1", "$2"] : ["$1"]);
        });
        object?[] values = hasTypes ? [Ids(parentIds), Types(types!)] : [Ids(parentIds)];
        var counts = await reads.QueryAsync(statement, values, r => (Parent: r.GetInt32(0), Count: r.GetInt32(1)), ct);
        return counts.ToDictionary(c => c.Parent, c => c.Count);
    }

    public async Task<List<ParentRow<T>>> NeighbourWindowsAsync<T>(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind, KeyWindow window,
        IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity
    {
        if (direction == WalkDirection.Both) throw new ArgumentException("A neighbour window walks one direction.", nameof(direction));
        if (parentIds.Count == 0 || window.Take <= 0) return [];
        var shape = Shape<T>(members);
        var statement = Statement($"neighbour-windows|{direction}|{Bounds(window)}|{shape.Key}", () => NeighbourWindowsStatement(direction, window, shape.SelectList("c")));
        object?[] values = [.. WindowValues(parentIds, types, window), kind.ToString()];
        return await reads.QueryAsync(statement, values, r => new ParentRow<T>(r.GetInt32(0), shape.Read(r, 1)), ct);
    }

    /// <summary>
    /// The statement of <see cref="NeighbourWindowsAsync{T}"/> ($1 parents, $2 types, $3 take, then the bounds present,
    /// then the kind), public for the query-plan tests.
    /// </summary>
    public static SqlStatement NeighbourWindowsStatement(WalkDirection direction, KeyWindow window, string selectList)
    {
        var (parentEnd, childEnd) = Ends(direction);
        var p = new Placeholders(hasTypes: true, window);
        var kind = $"${p.Names.Length + 1}";
        // GROUP BY, not DISTINCT: over the (parent, child, type) index the groups arrive in child order, so the
        // window streams and stops at LIMIT instead of collecting every child first.
        return new SqlStatement(
            $"""
            SELECT p."Id", {selectList}
            FROM unnest($1::integer[]) AS p("Id")
            CROSS JOIN LATERAL (
                SELECT r."{childEnd}" AS "ItemId" FROM "Relations" AS r
                WHERE r."{parentEnd}" = p."Id" AND r."Type" = ANY({p.Types})
                  AND EXISTS (SELECT 1 FROM "Entities" AS k WHERE k."Id" = r."{childEnd}" AND k."Kind" = {kind}){p.KeyRange($"r.\"{childEnd}\"")}
                GROUP BY r."{childEnd}"
                ORDER BY r."{childEnd}" {Order(window)} LIMIT {p.Take}) AS w
            JOIN "Entities" AS c ON c."Id" = w."ItemId"
            """, [.. p.Names, kind]);
    }

    public async Task<List<Link<T>>> NeighbourLinksAsync<T>(
        IReadOnlyCollection<int> ownerIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind? kind,
        IReadOnlyCollection<string>? members, CancellationToken ct = default) where T : Entity
    {
        if (ownerIds.Count == 0) return [];
        var shape = Shape<T>(members);
        var statement = Statement($"neighbour-links|{direction}|{kind is null}|{shape.Key}", () =>
        {
            string Links(WalkDirection walk)
            {
                var (ownerEnd, neighbourEnd) = Ends(walk);
                return $"""
                    SELECT p."Id", w."Id", {shape.SelectList("c")}
                    FROM unnest($1::integer[]) AS p("Id")
                    JOIN "Relations" AS w ON w."{ownerEnd}" = p."Id" AND w."Type" = ANY($2::text[])
                    JOIN "Entities" AS c ON c."Id" = w."{neighbourEnd}"{(kind is null ? "" : " AND c.\"Kind\" = $3")}
                    """;
            }
            var sql = direction == WalkDirection.Both ? $"{Links(WalkDirection.Out)}\nUNION ALL\n{Links(WalkDirection.In)}" : Links(direction);
            return new SqlStatement(sql, kind is null ? ["$1", "$2"] : ["$1", "$2", "$3"]);
        });
        object?[] values = kind is null ? [Ids(ownerIds), Types(types)] : [Ids(ownerIds), Types(types), kind.ToString()];
        return await reads.QueryAsync(statement, values, r => new Link<T>(r.GetInt32(0), r.GetInt32(1), shape.Read(r, 2)), ct);
    }

    public async Task<List<GraphEdge>> EdgesTouchingAsync(
        IReadOnlyCollection<int> frontier, IReadOnlyCollection<RelationType>? types, bool withKinds, int limit, CancellationToken ct = default)
    {
        if (frontier.Count == 0 || limit <= 0) return [];
        var hasTypes = types is { Count: > 0 };
        var statement = Statement($"edges-touching|{hasTypes}|{withKinds}", () =>
        {
            var limitParameter = hasTypes ? "$3" : "$2";
            // Each branch reads only the (FromId, …) or (ToId, …) index; UNION keeps a relation between two frontier
            // entities (or a self-loop) once.
            string Touching(string end) =>
                $"""SELECT r."Id", r."FromId", r."ToId" FROM "Relations" AS r WHERE r."{end}" = ANY($1){(hasTypes ? " AND r.\"Type\" = ANY($2::text[])" : "")}""";
            var kinds = withKinds
                ? """, (SELECT k."Kind" FROM "Entities" AS k WHERE k."Id" = t."FromId"), (SELECT k."Kind" FROM "Entities" AS k WHERE k."Id" = t."ToId")"""
                : "";
            return new SqlStatement(
                $"""
                SELECT t."Id", t."FromId", t."ToId"{kinds}
                FROM ({Touching("FromId")}
                      UNION
                      {Touching("ToId")}) AS t
                LIMIT {limitParameter}
                """, hasTypes ? ["$1", "$2", "$3"] : ["$1", "$2"]);
        });
        object?[] values = hasTypes ? [Ids(frontier), Types(types!), limit] : [Ids(frontier), limit];
        return await reads.QueryAsync(statement, values, r => withKinds
            ? new GraphEdge(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), Enum.Parse<NodeKind>(r.GetString(3)), Enum.Parse<NodeKind>(r.GetString(4)))
            : new GraphEdge(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), default, default), ct);
    }

    public async Task<FrontierStep> CheaperFrontierEdgesAsync(
        WalkFrontier first, WalkFrontier second, IReadOnlyCollection<RelationType>? types, int limit, CancellationToken ct = default)
    {
        var hasTypes = types is { Count: > 0 };
        var statement = Statement($"cheaper-frontier-edges|{hasTypes}", () => CheaperFrontierEdgesStatement(hasTypes));
        object?[] values = hasTypes
            ? [Ids(first.Ids), Ids(second.Ids), first.Degree ?? -1, second.Degree ?? -1, limit, Types(types!)]
            : [Ids(first.Ids), Ids(second.Ids), first.Degree ?? -1, second.Degree ?? -1, limit];
        var rows = await reads.QueryAsync(statement, values, r => (
            Second: r.GetBoolean(0), FirstDegree: r.GetInt32(1), SecondDegree: r.GetInt32(2),
            Edge: r.IsDBNull(3) ? (GraphEdge?)null : new GraphEdge(r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), default, default)), ct);
        var step = rows[0];
        return new FrontierStep(step.Second, step.FirstDegree, step.SecondDegree, [.. rows.Where(r => r.Edge is not null).Select(r => r.Edge!.Value)]);
    }

    /// <summary>
    /// The statement of <see cref="CheaperFrontierEdgesAsync"/> ($1 first ids, $2 second ids, $3 and $4 their known
    /// degrees or -1, $5 the limit, $6 the types when given), public for the query-plan tests.
    /// </summary>
    /// <remarks>
    /// A degree is counted (from the end indexes, index-only) only when unknown, CASE evaluating its subquery lazily;
    /// the branches of the frontier not chosen are cut by a one-time filter, so only one frontier's relations are read.
    /// </remarks>
    public static SqlStatement CheaperFrontierEdgesStatement(bool hasTypes)
    {
        var typeFilter = hasTypes ? """ AND r."Type" = ANY($6::text[])""" : "";
        string Touching(string ids, string end, string columns) =>
            $"""SELECT {columns} FROM "Relations" AS r WHERE r."{end}" = ANY({ids}){typeFilter}""";
        string Degree(string ids, string known, string limit) => $"""
            SELECT CASE WHEN {known} >= 0 THEN {known} ELSE (SELECT count(*) FROM (
                {Touching(ids, "FromId", "1")}
                UNION ALL
                {Touching(ids, "ToId", "1")}
                LIMIT {limit}) AS x)::integer END AS n
            """;
        const string edge = """r."Id", r."FromId", r."ToId" """;
        return new SqlStatement(
            $"""
            WITH a AS MATERIALIZED ({Degree("$1", "$3::integer", "CASE WHEN $4::integer >= 0 THEN least($5, $4::integer + 1) ELSE $5 END")}),
                 b AS MATERIALIZED ({Degree("$2", "$4::integer", "(SELECT n FROM a) + 1")}),
                 pick AS MATERIALIZED (SELECT (SELECT n FROM b) < (SELECT n FROM a) AS second)
            SELECT pick.second, a.n, b.n, t."Id", t."FromId", t."ToId"
            FROM pick CROSS JOIN a CROSS JOIN b
            LEFT JOIN (
                {Touching("$1", "FromId", edge)} AND NOT (SELECT second FROM pick)
                UNION
                {Touching("$1", "ToId", edge)} AND NOT (SELECT second FROM pick)
                UNION
                {Touching("$2", "FromId", edge)} AND (SELECT second FROM pick)
                UNION
                {Touching("$2", "ToId", edge)} AND (SELECT second FROM pick)
                LIMIT $5) AS t ON true
            """, hasTypes ? ["$1", "$2", "$3", "$4", "$5", "$6"] : ["$1", "$2", "$3", "$4", "$5"]);
    }

    /// <summary>Items of kind <typeparamref name="T"/> with <paramref name="members"/>, or whole when those cannot be projected.</summary>
    private RowShape<T> Shape<T>(IReadOnlyCollection<string>? members) where T : Entity =>
        rows.Of<T>(members) ?? rows.Of<T>(null) ?? throw new InvalidOperationException($"{typeof(T).Name} is not a mapped entity type.");

    private SqlStatement Statement(string key, Func<SqlStatement> create) =>
        _statements.TryGetValue(key, out var statement) ? statement : _statements.GetOrAdd(key, _ => create());

    private static (string Parent, string Child) Ends(WalkDirection direction) =>
        direction == WalkDirection.Out ? ("FromId", "ToId") : ("ToId", "FromId");

    private static string Order(KeyWindow window) => window.Descending ? "DESC" : "ASC";

    private static string Bounds(KeyWindow window) => $"{window.After is not null}|{window.Before is not null}|{window.Descending}";

    /// <summary>A window's values in the order of <see cref="Placeholders"/>: parents, types (when given), take, after and before (when given).</summary>
    public static object?[] WindowValues(IReadOnlyCollection<int> parentIds, IReadOnlyCollection<RelationType>? types, KeyWindow window)
    {
        var values = new List<object?> { Ids(parentIds) };
        if (types is { Count: > 0 }) values.Add(Types(types));
        values.Add(window.Take);
        if (window.After is { } after) values.Add(checked((int)after));
        if (window.Before is { } before) values.Add(checked((int)before));
        return [.. values];
    }

    private static int[] Ids(IReadOnlyCollection<int> ids) => ids.Distinct().ToArray();

    /// <summary>Relation types as stored (their names).</summary>
    private static string[] Types(IReadOnlyCollection<RelationType> types) => types.Distinct().Select(t => t.ToString()).ToArray();

    /// <summary>The positional parameters of a window statement: $1 the parents, then types, take and the key bounds present.</summary>
    private sealed class Placeholders
    {
        private readonly string? _after, _before;

        public Placeholders(bool hasTypes, KeyWindow window)
        {
            var names = new List<string> { "$1" };
            string Next() { names.Add($"${names.Count + 1}"); return names[^1]; }
            Types = hasTypes ? Next() + "::text[]" : "";
            Take = Next();
            if (window.After is not null) _after = Next();
            if (window.Before is not null) _before = Next();
            Names = [.. names];
        }

        public string Types { get; }
        public string Take { get; }
        public string[] Names { get; }

        public string KeyRange(string key) => (_after is null ? "" : $" AND {key} > {_after}") + (_before is null ? "" : $" AND {key} < {_before}");
    }
}
