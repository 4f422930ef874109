using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Data.Storage.Sqlite;

namespace SmartCityGraph.Data.Tests.Storage;

/// <summary>
/// <see cref="SqliteRestartCheck"/> answers "nothing to prepare" exactly when EF Core would find no pending migration and
/// <see cref="SeedImporter.ImportOnStartAsync"/> would import nothing: at every step of a database's life below, the
/// check runs first and the start-up's own decision is then compared with it.
/// </summary>
public sealed class SqliteRestartCheckTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"restart-check-{Guid.NewGuid():N}.db");
    private readonly string _changedSeed = Directory.CreateTempSubdirectory("restart-check-seed").FullName;
    private readonly string _operatorSeed = Directory.CreateTempSubdirectory("restart-check-operator").FullName;

    private string ConnectionString => $"Data Source={_file}";

    public SqliteRestartCheckTests()
    {
        foreach (var file in Directory.GetFiles(SeedLocation.Directory, "*.json"))
        {
            File.Copy(file, Path.Combine(_changedSeed, Path.GetFileName(file)));
            File.Copy(file, Path.Combine(_operatorSeed, Path.GetFileName(file)));
        }
        var events = JsonNode.Parse(File.ReadAllText(Path.Combine(_changedSeed, "events.json")))!;
        events["records"]![0]!["summary"] = "A corrected summary.";
        File.WriteAllText(Path.Combine(_changedSeed, "events.json"), events.ToJsonString());
    }

    [Fact]
    public async Task A_restart_has_nothing_to_prepare_only_when_migrated_and_seeded_with_the_same_seed_at_start_up()
    {
        Assert.False(SqliteRestartCheck.NothingToPrepare(ConnectionString, SeedLocation.Directory)); // no file yet

        await using (var db = Context())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
            Assert.False(SqliteRestartCheck.NothingToPrepare(ConnectionString, SeedLocation.Directory)); // one migration missing
            await db.Database.MigrateAsync();
        }

        await AgreesWithTheStartUpAsync(SeedLocation.Directory, expectNothing: false); // migrated but empty: seeded now
        await AgreesWithTheStartUpAsync(SeedLocation.Directory, expectNothing: true); // a restart with the same seed
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", command.ExecuteScalar());
        }

        await AgreesWithTheStartUpAsync(_changedSeed, expectNothing: false); // a deployment with a changed seed
        await AgreesWithTheStartUpAsync(_changedSeed, expectNothing: true);

        // An operator's import of another folder: the start-up leaves it alone, whatever its seed.
        await using (var db = Context())
            Assert.True((await Importer(db).ImportAsync(_operatorSeed)).Imported);
        await AgreesWithTheStartUpAsync(SeedLocation.Directory, expectNothing: true);
    }

    [Fact]
    public void The_migrations_it_knows_are_those_EF_Core_finds()
    {
        using var db = Context();
        Assert.Equal(db.Database.GetMigrations(), PendingMigrations.KnownOnSqlite);
    }

    private async Task AgreesWithTheStartUpAsync(string seed, bool expectNothing)
    {
        var nothing = SqliteRestartCheck.NothingToPrepare(ConnectionString, seed);
        await using var db = Context();
        var pending = (await db.Database.GetPendingMigrationsAsync()).Any();
        var imported = (await Importer(db).ImportOnStartAsync(seed)).Imported;
        Assert.Equal(expectNothing, nothing);
        Assert.Equal(!pending && !imported, nothing);
    }

    private SmartCityDbContext Context()
    {
        var options = new DbContextOptionsBuilder<SmartCityDbContext>();
        options.UseSmartCityDatabase(DatabaseProvider.Sqlite, ConnectionString);
        return new SmartCityDbContext(options.Options);
    }

    private static SeedImporter Importer(SmartCityDbContext db) =>
        new(db, new GraphWriter(db, new NoChangeNotifier(), TimeProvider.System, NullLogger<GraphWriter>.Instance), NullLogger<SeedImporter>.Instance);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(file);
        Directory.Delete(_changedSeed, recursive: true);
        Directory.Delete(_operatorSeed, recursive: true);
    }
}
