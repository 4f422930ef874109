using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Infrastructure;

/// <summary>PostgreSQL's plan for a statement, as text, to check which indexes it uses.</summary>
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
