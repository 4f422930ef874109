using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Infrastructure;

/// <summary>A database's plan for a statement, to check which indexes it uses.</summary>
public static partial class Explain
{
    /// <summary>The plan of raw SQL with EF's "{n}" placeholders and its parameters.</summary>
    public static async Task<string> PostgresAsync(SmartCityDbContext db, string sql, IReadOnlyList<object> parameters)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + Placeholder().Replace(sql, m => "@p" + m.Groups[1].Value), connection);
        for (var i = 0; i < parameters.Count; i++) command.Parameters.AddWithValue("p" + i, parameters[i]);
        return await ReadPlanAsync(command);
    }

    /// <summary>The plan of a prepared read's statement, with its positional parameters ($1, $2, …).</summary>
    public static async Task<string> PostgresPositionalAsync(SmartCityDbContext db, string sql, IReadOnlyList<object> values)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await ReadPlanAsync(command);
    }

    /// <summary>The plan of an EF query, run with its own parameters.</summary>
    public static async Task<string> PostgresAsync(SmartCityDbContext db, IQueryable query)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = (NpgsqlCommand)query.CreateDbCommand();
        command.Connection = connection;
        command.CommandText = "EXPLAIN " + command.CommandText;
        return await ReadPlanAsync(command);
    }

    /// <summary>
    /// SQLite's plan (the detail column of <c>EXPLAIN QUERY PLAN</c>, one step per item) for a statement with named
    /// parameters; only the parameters the text names are bound.
    /// </summary>
    public static async Task<List<string>> SqliteAsync(SmartCityDbContext db, string sql, IReadOnlyDictionary<string, object> parameters)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            if (!sql.Contains(name, StringComparison.Ordinal)) continue;
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return plan;
    }

    private static async Task<string> ReadPlanAsync(NpgsqlCommand command)
    {
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return string.Join('\n', plan);
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
