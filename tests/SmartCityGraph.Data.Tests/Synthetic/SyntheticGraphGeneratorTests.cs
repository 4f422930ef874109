using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Synthetic;
using SmartCityGraph.Data.Synthetic.Postgres;
using SmartCityGraph.Data.Synthetic.Sqlite;
using SmartCityGraph.Data.Tests.Infrastructure;

namespace SmartCityGraph.Data.Tests.Synthetic;

public sealed class SyntheticGraphGeneratorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scg-synthetic-").FullName;

    [Fact]
    public async Task The_same_seed_gives_the_same_graph()
    {
        var first = await GenerateAsync("first.db", seed: 7);
        var second = await GenerateAsync("second.db", seed: 7);

        Assert.Equal(first.Result, second.Result);
        Assert.Equal(first.KindCounts, second.KindCounts);
        Assert.Equal(first.FirstEntities, second.FirstEntities);
        Assert.Equal(first.RelationFingerprint, second.RelationFingerprint);
    }

    [Fact]
    public async Task A_different_seed_gives_a_different_graph()
    {
        var first = await GenerateAsync("first.db", seed: 7);
        var other = await GenerateAsync("other.db", seed: 8);

        Assert.NotEqual(first.FirstEntities, other.FirstEntities);
    }

    [Fact]
    public async Task The_graph_is_consistent_and_sourced()
    {
        var snapshot = await GenerateAsync("consistent.db", seed: 42);
        await using var connection = Open("consistent.db");

        Assert.Equal(2_000, snapshot.Result.Entities);
        Assert.Equal(2_000L, Scalar(connection, "SELECT COUNT(*) FROM Entities"));
        Assert.Equal(snapshot.Result.Relations, Scalar(connection, "SELECT COUNT(*) FROM Relations"));
        Assert.Equal(0L, Scalar(connection,
            "SELECT COUNT(*) FROM Relations r WHERE NOT EXISTS (SELECT 1 FROM Entities e WHERE e.Id = r.FromId) " +
            "OR NOT EXISTS (SELECT 1 FROM Entities e WHERE e.Id = r.ToId)"));
        Assert.Equal(0L, Scalar(connection,
            "SELECT COUNT(*) FROM Entities WHERE json_array_length(Sources) <> 1 " +
            "OR json_extract(Sources, '$[0].Title') <> 'Synthetic data, generated with seed 42'"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM Relations WHERE json_array_length(Sources) <> 1"));
        // Every event belongs to a phase and has at least one organiser.
        Assert.Equal(0L, Scalar(connection,
            "SELECT COUNT(*) FROM Entities e WHERE e.Kind = 'Event' AND NOT EXISTS (SELECT 1 FROM Relations r " +
            "JOIN Entities p ON p.Id = r.ToId AND p.Kind = 'Phase' WHERE r.FromId = e.Id AND r.Type = 'PartOf')"));
        Assert.Equal(0L, Scalar(connection,
            "SELECT COUNT(*) FROM Entities e WHERE e.Kind = 'Event' AND NOT EXISTS " +
            "(SELECT 1 FROM Relations r WHERE r.ToId = e.Id AND r.Type IN ('Organises', 'Hosts'))"));
        Assert.Equal("evt-000001", (string?)ScalarObject(connection, "SELECT Key FROM Entities WHERE Kind = 'Event' ORDER BY Id LIMIT 1"));
    }

    [Fact]
    public async Task The_graph_reads_back_through_ef()
    {
        await GenerateAsync("ef.db", seed: 3);
        await using var db = Context("ef.db");

        var anEvent = await db.Events.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        Assert.Equal("evt-000001", anEvent.Key);
        Assert.Equal("Synthetic data, generated with seed 3", Assert.Single(anEvent.Sources).Title);
        Assert.Equal(1_200, await db.Events.CountAsync()); // 60 % of 2,000
    }

    [SkippableFact]
    public async Task Binary_COPY_into_PostgreSQL_writes_the_same_graph_as_SQLite()
    {
        var sqlite = await GenerateAsync("same.db", seed: 5);
        using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await using var db = database.CreateContext();
        var result = await new SyntheticGraphGenerator(new PostgresBulkGraphLoader(db)).GenerateAsync(new SyntheticGraphOptions(2_000, 5));

        Assert.Equal(sqlite.Result, result);
        Assert.Equal(sqlite.KindCounts, await PostgresText(db, """SELECT "Kind" || ':' || COUNT(*) FROM "Entities" GROUP BY "Kind" ORDER BY "Kind" COLLATE "C" """));
        Assert.Equal(sqlite.FirstEntities, await PostgresText(db, """SELECT "Key" || '=' || "Title" FROM "Entities" ORDER BY "Id" LIMIT 50"""));
        Assert.Equal(sqlite.RelationFingerprint, await PostgresText(db, """SELECT "Type" || ':' || "FromId" || '>' || "ToId" FROM "Relations" ORDER BY "Id" LIMIT 200"""));
        // Indexes and foreign keys set aside for the load are back, and new rows get fresh ids.
        Assert.Equal(13, (await db.Database.SqlQueryRaw<int>("""SELECT count(*)::integer AS "Value" FROM pg_indexes WHERE tablename IN ('Entities', 'Relations')""").ToListAsync()).Single());
        Assert.Equal(2, (await db.Database.SqlQueryRaw<int>("""SELECT count(*)::integer AS "Value" FROM pg_constraint WHERE contype = 'f'""").ToListAsync()).Single());
        var anEvent = await db.Events.AsNoTracking().OrderBy(e => e.Id).FirstAsync();
        Assert.Equal("Synthetic data, generated with seed 5", Assert.Single(anEvent.Sources).Title);
        db.Add(new SmartCityGraph.Data.Model.Organisation { Key = "new", Title = "New", Sources = [new SmartCityGraph.Data.Model.Source { Title = "test" }] });
        await db.SaveChangesAsync();
        Assert.Equal(2_001, await db.Entities.CountAsync());
    }

    private static async Task<string> PostgresText(SmartCityDbContext db, string sql)
    {
        var lines = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    private sealed record Snapshot(
        SyntheticGraphResult Result, string KindCounts, string FirstEntities, string RelationFingerprint);

    private async Task<Snapshot> GenerateAsync(string file, int seed)
    {
        await using (var db = Context(file))
        {
            await db.Database.MigrateAsync();
            var result = await new SyntheticGraphGenerator(new SqliteBulkGraphLoader(db)).GenerateAsync(new SyntheticGraphOptions(2_000, seed));
            await using var connection = Open(file);
            return new Snapshot(
                result,
                Text(connection, "SELECT Kind || ':' || COUNT(*) FROM Entities GROUP BY Kind ORDER BY Kind"),
                Text(connection, "SELECT Key || '=' || Title FROM Entities ORDER BY Id LIMIT 50"),
                Text(connection, "SELECT Type || ':' || FromId || '>' || ToId FROM Relations ORDER BY Id LIMIT 200"));
        }
    }

    private SmartCityDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite(ConnectionString(file)).Options);

    private string ConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, file), Pooling = false }.ToString();

    private SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(ConnectionString(file));
        connection.Open();
        return connection;
    }

    private static object? ScalarObject(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static long Scalar(SqliteConnection connection, string sql) => Convert.ToInt64(ScalarObject(connection, sql));

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read()) lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
