using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Graph.Sqlite;

/// <summary><see cref="INeighbourWindows"/> on SQLite.</summary>
/// <remarks>
/// Written as a correlated <c>IN (… ORDER BY … LIMIT n)</c> per parent (SQLite has no LATERAL): each parent
/// reads only its first n index entries. A window function over the parents' relations would read every
/// one of them first.
/// </remarks>
public sealed class SqliteNeighbourWindows : INeighbourWindows
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
    public static (string Sql, List<object> Parameters) NeighboursSql(
        IReadOnlyCollection<int> parentIds, WalkDirection direction, IReadOnlyCollection<RelationType> types, NodeKind kind,
        long? after, long? before, int take, bool descending)
    {
        var (parentEnd, childEnd) = direction == WalkDirection.Out ? ("FromId", "ToId") : ("ToId", "FromId");
        var parameters = new List<object>();
        var sql = new StringBuilder();
        sql.Append($"""
            SELECT p."Id" AS "ParentId", c."Id" AS "ItemId"
            FROM "Entities" AS p
            JOIN "Entities" AS c ON c."Id" IN (
                SELECT DISTINCT r."{childEnd}" FROM "Relations" AS r
                WHERE r."{parentEnd}" = p."Id" AND r."Type" IN ({List(parameters, types.Select(t => (object)t.ToString()))})
                  AND (SELECT k."Kind" FROM "Entities" AS k WHERE k."Id" = r."{childEnd}") = {Add(parameters, kind.ToString())}
            """);
        AppendWindowEnd(sql, parameters, $"r.\"{childEnd}\"", after, before, take, descending, parentIds);
        return (sql.ToString(), parameters);
    }

    public Task<List<WindowRow>> RelationsAsync(
        SmartCityDbContext db, IReadOnlyCollection<int> parentIds, WalkDirection direction,
        IReadOnlyCollection<RelationType>? types, long? after, long? before, int take, bool descending, CancellationToken ct)
    {
        var parentEnd = direction == WalkDirection.Out ? "FromId" : "ToId";
        var parameters = new List<object>();
        var sql = new StringBuilder();
        sql.Append($"""
            SELECT p."Id" AS "ParentId", rel."Id" AS "ItemId"
            FROM "Entities" AS p
            JOIN "Relations" AS rel ON rel."Id" IN (
                SELECT r."Id" FROM "Relations" AS r
                WHERE r."{parentEnd}" = p."Id"
            """);
        if (types is { Count: > 0 })
            sql.Append($" AND r.\"Type\" IN ({List(parameters, types.Select(t => (object)t.ToString()))})");
        AppendWindowEnd(sql, parameters, "r.\"Id\"", after, before, take, descending, parentIds);
        return db.Database.SqlQueryRaw<WindowRow>(sql.ToString(), [.. parameters]).ToListAsync(ct);
    }

    /// <summary>Closes a parent's window: the key range, its order and limit, then the parents it runs for.</summary>
    private static void AppendWindowEnd(
        StringBuilder sql, List<object> parameters, string key, long? after, long? before, int take, bool descending, IReadOnlyCollection<int> parentIds)
    {
        if (after is { } lower) sql.Append($" AND {key} > {Add(parameters, lower)}");
        if (before is { } upper) sql.Append($" AND {key} < {Add(parameters, upper)}");
        sql.Append($"""

                ORDER BY {key} {(descending ? "DESC" : "ASC")} LIMIT {Add(parameters, take)})
            WHERE p."Id" IN ({List(parameters, parentIds.Select(id => (object)id))})
            """);
    }

    /// <summary>Adds a parameter and returns its placeholder; EF turns "{n}" into a real parameter.</summary>
    private static string Add(List<object> parameters, object value)
    {
        parameters.Add(value);
        return $"{{{parameters.Count - 1}}}";
    }

    private static string List(List<object> parameters, IEnumerable<object> values) =>
        string.Join(", ", values.Select(v => Add(parameters, v)));
}
