using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Graph.Postgres;

/// <summary>
/// <see cref="INeighbourWindows"/> on PostgreSQL: the parents as one array parameter, each parent's window a
/// <c>CROSS JOIN LATERAL (… ORDER BY key LIMIT n)</c> that walks the relation index from the parent and stops
/// after n entries. The statement's text depends only on its shape (direction, bounds, order), never on the
/// number of parents or types, so PostgreSQL and Npgsql can reuse its plan.
/// </summary>
public sealed class PostgresNeighbourWindows : INeighbourWindows
{
    public Task<List<WindowRow>> NeighboursAsync(
        SmartCityDbContext db, IReadOnlyCollection<int> parentIds, WalkDirection direction,
        IReadOnlyCollection<RelationType> types, NodeKind kind, long? after, long? before, int take, bool descending,
        CancellationToken ct)
    {
        var (sql, parameters) = NeighboursSql(parentIds, direction, types, kind, after, before, take, descending);
        return db.Database.SqlQueryRaw<WindowRow>(sql, [.. parameters]).ToListAsync(ct);
    }

    /// <summary>The SQL of <see cref="NeighboursAsync"/> with "{n}" placeholders, for EF and for query-plan tests.</summary>
    public static (string Sql, object[] Parameters) NeighboursSql(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind,
        long? after, long? before, int take, bool descending)
    {
        var (parentEnd, childEnd) = Ends(direction);
        var parameters = new List<object>();
        var parents = Add(parameters, parentIds.Distinct().ToArray());
        var typeList = Add(parameters, types.Select(t => t.ToString()).Distinct().ToArray());
        var kindValue = Add(parameters, kind.ToString());
        var bounds = Bounds(parameters, $"r.\"{childEnd}\"", after, before);
        var limit = Add(parameters, take);
        // GROUP BY, not DISTINCT: over the (parent, child, type) index the groups arrive in child order, so the
        // window streams and stops at LIMIT instead of collecting every child first.
        var sql = $"""
            SELECT p."Id" AS "ParentId", w."ItemId"
            FROM unnest({parents}::integer[]) AS p("Id")
            CROSS JOIN LATERAL (
                SELECT r."{childEnd}" AS "ItemId" FROM "Relations" AS r
                WHERE r."{parentEnd}" = p."Id" AND r."Type" = ANY({typeList}::text[])
                  AND EXISTS (SELECT 1 FROM "Entities" AS k WHERE k."Id" = r."{childEnd}" AND k."Kind" = {kindValue}){bounds}
                GROUP BY r."{childEnd}"
                ORDER BY r."{childEnd}" {(descending ? "DESC" : "ASC")} LIMIT {limit}) AS w
            """;
        return (sql, [.. parameters]);
    }

    public Task<List<WindowRow>> RelationsAsync(
        SmartCityDbContext db, IReadOnlyCollection<int> parentIds, WalkDirection direction,
        IReadOnlyCollection<RelationType>? types, long? after, long? before, int take, bool descending, CancellationToken ct)
    {
        var (parentEnd, _) = Ends(direction);
        var parameters = new List<object>();
        var parents = Add(parameters, parentIds.Distinct().ToArray());
        var typeFilter = types is { Count: > 0 }
            ? $" AND r.\"Type\" = ANY({Add(parameters, types.Select(t => t.ToString()).Distinct().ToArray())}::text[])"
            : "";
        var bounds = Bounds(parameters, "r.\"Id\"", after, before);
        var limit = Add(parameters, take);
        var sql = $"""
            SELECT p."Id" AS "ParentId", w."ItemId"
            FROM unnest({parents}::integer[]) AS p("Id")
            CROSS JOIN LATERAL (
                SELECT r."Id" AS "ItemId" FROM "Relations" AS r
                WHERE r."{parentEnd}" = p."Id"{typeFilter}{bounds}
                ORDER BY r."Id" {(descending ? "DESC" : "ASC")} LIMIT {limit}) AS w
            """;
        return db.Database.SqlQueryRaw<WindowRow>(sql, [.. parameters]).ToListAsync(ct);
    }

    private static (string Parent, string Child) Ends(WalkDirection direction) =>
        direction == WalkDirection.Out ? ("FromId", "ToId") : ("ToId", "FromId");

    private static string Bounds(List<object> parameters, string key, long? after, long? before) =>
        (after is { } lower ? $" AND {key} > {Add(parameters, checked((int)lower))}" : "")
        + (before is { } upper ? $" AND {key} < {Add(parameters, checked((int)upper))}" : "");

    /// <summary>Adds a parameter and returns its placeholder; EF turns "{n}" into a real parameter.</summary>
    private static string Add(List<object> parameters, object value)
    {
        parameters.Add(value);
        return $"{{{parameters.Count - 1}}}";
    }
}
