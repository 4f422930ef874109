using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SmartCityGraph.Server.Hosting;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.CrashSafety;

/// <summary>
/// SIGKILL in the middle of <c>import</c> and of <c>generate</c> (while inserting and while committing) leaves a database
/// that starts cleanly, shows the content it had before (no partial data) and passes SQLite's integrity check; the same
/// command run again completes. Against the built server executable, as an operator would run it.
/// </summary>
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private const string CountQuery = "{ events { totalCount } organisations { totalCount } pilots { totalCount } phases { totalCount } }";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcitygraph-crash").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { /* best effort */ }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Killing_import_midway_leaves_the_previous_content_and_the_import_retried_completes()
    {
        var seeded = await CountsAsync(); // the server's first start seeds the database
        var bigSeed = BigSeed(copies: 100);

        // EF logs each executed command (at Debug); the first INSERT of the new rows comes after the DELETE of the old ones, inside
        // the import's one transaction, and hundreds of INSERT batches follow before its commit.
        var output = await KillWhenAsync(
            (_, log) => log.Contains("INSERT INTO \"Entities\"", StringComparison.Ordinal),
            // (the setting before the folder: configuration would read "/tmp/..." as a key and take the next argument as its value)
            "import", "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Debug", bigSeed);

        Assert.DoesNotContain("Imported ", output);
        Assert.Equal(seeded, await CountsAsync());
        Assert.Equal("ok", IntegrityCheck());
        var (exitCode, retried) = await RunToCompletionAsync("import", bigSeed);
        Assert.True(exitCode == 0, retried);
        Assert.Contains($"\"events\":{{\"totalCount\":{76 * 101}}}", await CountsAsync());
    }

    [Fact]
    public async Task Killing_generate_while_it_inserts_and_while_it_commits_leaves_the_previous_content_and_generate_retried_completes()
    {
        var seeded = await CountsAsync();
        var databaseBefore = FileBytes("smartcity.db");

        // While rows are being inserted: the transaction's rollback journal has been there for a second.
        Stopwatch? journalSeen = null;
        await KillWhenAsync((files, _) =>
        {
            if (!files.JournalExists) return false;
            journalSeen ??= Stopwatch.StartNew();
            return journalSeen.Elapsed > TimeSpan.FromSeconds(1);
        }, "generate", "--entities", "60000");
        Assert.Equal(seeded, await CountsAsync());
        Assert.Equal("ok", IntegrityCheck());

        // While committing: new pages are being written into the database file and the journal is not yet deleted
        // (what journal_mode=MEMORY could not undo: a killed commit left a half-written graph).
        await KillWhenAsync(
            (files, _) => files.JournalExists && files.Database > databaseBefore + 1_000_000,
            "generate", "--entities", "60000");
        Assert.Equal(seeded, await CountsAsync());
        Assert.Equal("ok", IntegrityCheck());

        var (exitCode, output) = await RunToCompletionAsync("generate", "--entities", "2000");
        Assert.True(exitCode == 0, output);
        Assert.Contains("\"events\":{\"totalCount\":", await CountsAsync());
        Assert.NotEqual(seeded, await CountsAsync());
        Assert.Equal("ok", IntegrityCheck());
        Assert.Equal("wal", JournalMode()); // the server's journal again
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_process_does_not_stop_the_next_start()
    {
        var seeded = await CountsAsync();
        // What a process killed inside EF Core's Migrate leaves behind: its lock row (dotnet/efcore#38958).
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "smartcity.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00+00:00')";
            command.ExecuteNonQuery();
        }

        Assert.Equal(seeded, await CountsAsync()); // starts (and migrates) instead of waiting for the lock forever
        var (exitCode, output) = await RunToCompletionAsync("generate", "--entities", "100");
        Assert.True(exitCode == 0, output);
    }

    /// <summary>Starts the server on the data folder, reads the counts, stops it.</summary>
    private async Task<string> CountsAsync()
    {
        await using var server = await ServerProcess.StartAsync(_dataDirectory);
        var response = await server.Http.PostAsync("/graphql", new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query = CountQuery }), Encoding.UTF8, "application/json"));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(json["errors"] is null, json.ToJsonString() + "\n" + server.Output);
        return json["data"]!.ToJsonString();
    }

    private sealed record DatabaseFiles(long Database, bool JournalExists);

    /// <summary>
    /// Runs the verb and kills it (SIGKILL: no finally blocks, no disposal, no rollback by the process itself) as soon as
    /// <paramref name="moment"/> holds for its files and output; fails if it finishes first. Returns its output.
    /// </summary>
    private async Task<string> KillWhenAsync(Func<DatabaseFiles, string, bool> moment, params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = ServerProcess.StartVerb(_dataDirectory, output, arguments);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string log;
            lock (output) log = output.ToString();
            var files = new DatabaseFiles(FileBytes("smartcity.db"), File.Exists(Path.Combine(_dataDirectory, "smartcity.db-journal")));
            if (moment(files, log)) break;
            Assert.False(process.HasExited, $"{arguments[0]} finished before it could be killed:\n{log}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"{arguments[0]} did not reach the moment within 3 minutes:\n{log}");
            await Task.Delay(1);
        }
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        lock (output) return output.ToString();
    }

    private async Task<(int ExitCode, string Output)> RunToCompletionAsync(params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = ServerProcess.StartVerb(_dataDirectory, output, arguments);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private long FileBytes(string name) => new FileInfo(Path.Combine(_dataDirectory, name)) is { Exists: true } file ? file.Length : 0;

    private string IntegrityCheck() => Pragma("integrity_check");

    private string JournalMode() => Pragma("journal_mode");

    private string Pragma(string name)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "smartcity.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The repository's seed with every event copied <paramref name="copies"/> times under new keys: an import that takes a while.</summary>
    private string BigSeed(int copies)
    {
        var original = Path.Combine(StoragePaths.RepositoryRoot(AppContext.BaseDirectory)!, "seed");
        var copy = Directory.CreateDirectory(Path.Combine(_dataDirectory, "big-seed")).FullName;
        foreach (var file in Directory.EnumerateFiles(original)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var events = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "events.json")))!;
        var records = events["records"]!.AsArray();
        var originals = records.Select(r => r!.ToJsonString()).ToList();
        for (var n = 1; n <= copies; n++)
        {
            foreach (var text in originals)
            {
                var record = JsonNode.Parse(text)!;
                record["key"] = record["key"]!.GetValue<string>() + "-copy-" + n;
                record["timelineRow"] = null;
                records.Add(record);
            }
        }
        File.WriteAllText(Path.Combine(copy, "events.json"), events.ToJsonString());
        return copy;
    }
}
