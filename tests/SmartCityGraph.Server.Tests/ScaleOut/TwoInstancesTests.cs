using Npgsql;
using SmartCityGraph.Server.Tests.Infrastructure;
using SmartCityGraph.Testing;

namespace SmartCityGraph.Server.Tests.ScaleOut;

/// <summary>
/// Scale-out on PostgreSQL: two server processes started together on one (empty) database both migrate and seed it
/// without stepping on each other, serve the same answers, and see a change made in the database at once (nothing
/// they serve lives only in one process's memory); the second sends its reads through a read connection string
/// (<c>ConnectionStrings:SmartCityRead</c>) that logs in as a second, read-only database role. An edit made through
/// one instance is what the other serves next, with its history, and edits through both at once share one gapless
/// sequence of revision numbers.
/// </summary>
public sealed class TwoInstancesTests
{
    private static readonly string[] Queries =
    [
        "{ pilots { nodes { title lead { title } partners { title } funders { title } } } }",
        "{ events(first: 20, order: [{ startDate: DESC }]) { totalCount nodes { title startDate status organisers { title } } } }",
        """{ graph(ids: ["UGlsb3Q6c21hcnQtd2F0ZXI="], depth: 2) { nodes { id } relations { id } } }""",
        """{ search(query: "Wasser", first: 5) { totalCount nodes { entity { id } } } }""",
        "{ events(first: 0) { facets { startYear { value count } } } }",
    ];

    [SkippableFact]
    public async Task Two_instances_on_one_database_serve_the_same_answers_and_one_reads_through_a_replica_role()
    {
        var cluster = PostgresCluster.Instance;
        var primary = cluster.CreateDatabase(); // empty: both instances race to migrate and seed it
        var database = new NpgsqlConnectionStringBuilder(primary).Database!;
        cluster.Execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smartcity_reader') THEN CREATE ROLE smartcity_reader LOGIN; END IF; END $$");
        cluster.Execute($"GRANT CONNECT ON DATABASE \"{database}\" TO smartcity_reader");
        var replica = new NpgsqlConnectionStringBuilder(primary) { Username = "smartcity_reader" }.ToString();

        var one = ServerProcess.StartAsync(Settings(primary));
        var two = ServerProcess.StartAsync(Settings(primary, replica));
        await using var first = await one;
        await using var second = await two;
        // The reader may read what the migrations created (an operator grants this on the replica's role).
        cluster.Execute("GRANT USAGE ON SCHEMA public TO smartcity_reader; GRANT SELECT ON ALL TABLES IN SCHEMA public TO smartcity_reader", database);

        foreach (var query in Queries)
        {
            var a = (await first.Http.PostGraphQLAsync(query)).AssertNoErrors().Data.ToJsonString();
            var b = (await second.Http.PostGraphQLAsync(query)).AssertNoErrors().Data.ToJsonString();
            Assert.Equal(a, b);
        }
        Assert.Contains("\"totalCount\":", (await first.Http.PostGraphQLAsync(Queries[1])).Body);
        Assert.Equal(5, (await first.Http.PostGraphQLAsync("{ pilots { totalCount } }")).Data["pilots"]!["totalCount"]!.GetValue<int>());

        // A change in the shared database is what both serve next (no per-process copy of the data).
        cluster.Execute("""UPDATE "Entities" SET "Title" = 'Smart Water (renamed)' WHERE "Key" = 'smart-water'""", database);
        const string pilot = """{ node(id: "UGlsb3Q6c21hcnQtd2F0ZXI=") { ... on Entity { title } } }""";
        Assert.Contains("Smart Water (renamed)", (await first.Http.PostGraphQLAsync(pilot)).Body);
        Assert.Contains("Smart Water (renamed)", (await second.Http.PostGraphQLAsync(pilot)).Body);

        // The second instance's queries went through the reader role, which cannot write.
        Assert.True(ReaderConnections(cluster, database) > 0, "no connection of smartcity_reader: the reads did not go to the read connection string");
        var denied = Assert.Throws<PostgresException>(() => new NpgsqlConnectionFactory(replica).Execute("""DELETE FROM "Relations" """));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        Assert.Equal(200, await Health(first));
        Assert.Equal(200, await Health(second));

        await EditsThroughOneAreSeenThroughTheOtherAsync(first, second);
    }

    private const string SigningKey = "scale-out-tests-signing-key-of-at-least-32-bytes";

    private static async Task EditsThroughOneAreSeenThroughTheOtherAsync(ServerProcess first, ServerProcess second)
    {
        var token = SmartCityGraph.Server.SignIn.TokenIssuer.Issue(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SigningKey)), "Scale Editor", "editor", TimeSpan.FromHours(1));
        var signedIn = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        const string create = """
            mutation($title: String!) { createEvent(input: { title: $title, startDate: "2023-03-01", category: NETWORK, sources: [{ title: "scale-out test" }] }) {
              event { id version } errors { __typename } } }
            """;
        const string read = "query($id: ID!) { node(id: $id) { ... on Event { title summary version history { nodes { number action actor } } } } }";
        var seen = (await first.Http.PostGraphQLAsync("{ revisions { totalCount } }")).AssertNoErrors().Data["revisions"]!["totalCount"]!.GetValue<int>();

        // Created through the first, read and updated through the second, read back through the first.
        var created = (await first.Http.PostGraphQLAsync(create, new { title = "Created through the first instance" }, signedIn)).AssertNoErrors().Data["createEvent"]!;
        Assert.Null(created["errors"]);
        var id = created["event"]!["id"]!.GetValue<string>();
        var onSecond = (await second.Http.PostGraphQLAsync(read, new { id })).AssertNoErrors().Data["node"]!;
        Assert.Equal(("Created through the first instance", 1), (onSecond["title"]!.GetValue<string>(), onSecond["version"]!.GetValue<int>()));
        var updated = (await second.Http.PostGraphQLAsync(
            "mutation($id: ID!) { updateEvent(input: { id: $id, expectedVersion: 1, summary: \"Updated through the second.\", sources: [{ title: \"scale-out test\" }] }) { event { version } errors { __typename } } }",
            new { id }, signedIn)).AssertNoErrors().Data["updateEvent"]!;
        Assert.Null(updated["errors"]);
        var onFirst = (await first.Http.PostGraphQLAsync(read, new { id })).AssertNoErrors().Data["node"]!;
        Assert.Equal(("Updated through the second.", 2), (onFirst["summary"]!.GetValue<string>(), onFirst["version"]!.GetValue<int>()));
        Assert.Equal([(seen + 1, "CREATE"), (seen + 2, "UPDATE")],
            onFirst["history"]!["nodes"]!.AsArray().Select(h => (h!["number"]!.GetValue<int>(), h["action"]!.GetValue<string>())));

        // Both instances write at once: one gapless sequence of revision numbers, every acknowledged event there once.
        var writes = Enumerable.Range(0, 20).Select(n => (n % 2 == 0 ? first : second).Http
            .PostGraphQLAsync(create, new { title = $"Concurrent {n}" }, signedIn)).ToList();
        var answers = await Task.WhenAll(writes);
        Assert.All(answers, a => Assert.Null(a.AssertNoErrors().Data["createEvent"]!["errors"]));
        var feed = (await second.Http.PostGraphQLAsync("query($seen: Int!) { revisions(sinceNumber: $seen, first: 100) { nodes { number subjectId } } }", new { seen }))
            .AssertNoErrors().Data["revisions"]!["nodes"]!.AsArray();
        Assert.Equal(Enumerable.Range(seen + 1, 22), feed.Select(r => r!["number"]!.GetValue<int>()));
        Assert.Equal(answers.Select(a => a.Data["createEvent"]!["event"]!["id"]!.GetValue<string>()).Order(),
            feed.Skip(2).Select(r => r!["subjectId"]!.GetValue<string>()).Order());
    }

    private static Dictionary<string, string> Settings(string primary, string? replica = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres", ["ConnectionStrings__SmartCity"] = primary,
            ["Auth__SigningKey"] = SigningKey, // every instance validates the same editors' tokens
        };
        if (replica is not null) settings["ConnectionStrings__SmartCityRead"] = replica;
        return settings;
    }

    private static long ReaderConnections(PostgresCluster cluster, string database)
    {
        using var connection = new NpgsqlConnection(cluster.ConnectionString(database) + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = 'smartcity_reader' AND datname = current_database()", connection);
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<int> Health(ServerProcess server) => (int)(await server.Http.GetAsync("/health")).StatusCode;

    private sealed class NpgsqlConnectionFactory(string connectionString)
    {
        public void Execute(string sql)
        {
            using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
