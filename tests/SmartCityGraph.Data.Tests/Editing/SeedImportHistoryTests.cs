using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Editing;

/// <summary>The seed import writes through the write path: IMPORT revisions, only the difference, never a duplicate.</summary>
public abstract class SeedImportHistoryTests : IDisposable
{
    private readonly EditingDatabase database;
    private readonly string copy = Directory.CreateTempSubdirectory("seed-copy").FullName;

    protected SeedImportHistoryTests(DatabaseProvider provider)
    {
        database = new EditingDatabase(provider);
        foreach (var file in Directory.GetFiles(SeedLocation.Directory, "*.json")) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
    }

    public void Dispose()
    {
        database.Dispose();
        Directory.Delete(copy, recursive: true);
    }

    [SkippableFact]
    public async Task The_first_import_records_one_IMPORT_revision_per_record_and_the_history_replays_to_the_stored_graph()
    {
        var result = await database.ImportAsync(copy);

        await using var db = database.Context();
        Assert.Equal(result.Entities + result.Relations, result.Changes);
        Assert.Equal(result.Changes, await db.Revisions.CountAsync());
        Assert.True(await db.Revisions.AllAsync(r => r.Action == RevisionAction.Import && r.Actor == "seed import" && r.Before == null));
        Assert.Equal(result.Entities, await db.Entities.CountAsync());
        Assert.Empty(await GraphReplay.DifferencesAsync(db));
        Assert.True(await GraphReplay.CoversStoredGraphAsync(db));
        Assert.Equal(Enumerable.Range(1, result.Changes), Assert.Single(database.Notified));
    }

    [SkippableFact]
    public async Task Importing_the_same_seed_again_records_nothing()
    {
        await database.ImportAsync(copy);

        var again = await database.ImportAsync(copy);

        Assert.Equal(0, again.Changes);
        await using var db = database.Context();
        Assert.Equal(again.Entities + again.Relations, await db.Revisions.CountAsync());
    }

    [SkippableFact]
    public async Task The_start_up_seed_applies_a_changed_seed_it_imported_but_never_undoes_an_operators_import()
    {
        Assert.True((await database.ImportOnStartAsync(SeedLocation.Directory)).Imported); // the first start seeds
        Assert.False((await database.ImportOnStartAsync(SeedLocation.Directory)).Imported); // a restart: the same seed

        var events = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "events.json")))!;
        events["records"]![0]!["summary"] = "A corrected summary.";
        File.WriteAllText(Path.Combine(copy, "events.json"), events.ToJsonString());
        Assert.True((await database.ImportOnStartAsync(copy)).Imported); // a deployment with a changed seed

        // Regression: an operator's `import` of another folder was reverted by the next start (which re-applied the
        // start-up seed and deleted what the operator had imported).
        var operatorSeed = Directory.CreateTempSubdirectory("operator-seed").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(copy, "*.json")) File.Copy(file, Path.Combine(operatorSeed, Path.GetFileName(file)));
            var copied = JsonNode.Parse(File.ReadAllText(Path.Combine(operatorSeed, "events.json")))!;
            var extra = JsonNode.Parse(copied["records"]![0]!.ToJsonString())!;
            extra["key"] = extra["key"]!.GetValue<string>() + "-operator";
            extra["timelineRow"] = null;
            copied["records"]!.AsArray().Add(extra);
            File.WriteAllText(Path.Combine(operatorSeed, "events.json"), copied.ToJsonString());
            await database.ImportAsync(operatorSeed);
            await using (var db = database.Context())
                Assert.True(await db.Entities.AnyAsync(e => e.Key == extra["key"]!.GetValue<string>()));

            Assert.False((await database.ImportOnStartAsync(SeedLocation.Directory)).Imported);

            await using var after = database.Context();
            Assert.True(await after.Entities.AnyAsync(e => e.Key == extra["key"]!.GetValue<string>()));
        }
        finally
        {
            Directory.Delete(operatorSeed, recursive: true);
        }
    }

    [SkippableFact]
    public async Task A_changed_seed_applies_only_its_difference_and_keeps_editors_changes_to_records_it_did_not_change()
    {
        await database.ImportAsync(copy);
        // An editor corrects an organisation the seed will not change.
        var edit = await database.WriteAsync("Ada", (s, ct) =>
            s.UpdateAsync(NodeKind.Organisation, "technologiestiftung-berlin", 1, e => e.Summary = "Edited by Ada.", EditingDatabase.Cited(), null, ct));
        Assert.True(edit.Succeeded);

        var events = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "events.json")))!;
        var records = events["records"]!.AsArray();
        var changed = records[0]!;
        changed["summary"] = "A corrected summary.";
        // An event nothing else in the seed links to (so the seed stays valid without it).
        var others = string.Concat(Directory.GetFiles(copy, "*.json").Where(f => !f.EndsWith("events.json")).Select(File.ReadAllText));
        var removed = records.Last(r => !others.Contains($"\"Event:{r!["key"]!.GetValue<string>()}\""))!;
        records.Remove(removed);
        File.WriteAllText(Path.Combine(copy, "events.json"), events.ToJsonString());

        var result = await database.ImportAsync(copy);

        await using var db = database.Context();
        var edited = edit.Revisions[^1];
        var latest = await db.Revisions.Where(r => r.Number > edited).OrderBy(r => r.Number).ToListAsync();
        var removedKey = removed["key"]!.GetValue<string>();
        Assert.Equal(result.Changes, latest.Count);
        Assert.All(latest, r => Assert.Equal(RevisionAction.Import, r.Action));
        var update = Assert.Single(latest, r => r.SubjectType == RevisionSubject.Entity && r.After != null);
        Assert.Equal(changed["key"]!.GetValue<string>(), update.SubjectKey);
        Assert.Equal(2, update.Version);
        Assert.Single(latest, r => r.SubjectType == RevisionSubject.Entity && r.After == null && r.SubjectKey == removedKey);
        Assert.All(latest.Where(r => r.SubjectType == RevisionSubject.Relation), r => Assert.Null(r.After)); // the removed event's relations
        Assert.Equal("Edited by Ada.", (await db.Organisations.SingleAsync(o => o.Key == "technologiestiftung-berlin")).Summary);
        Assert.Empty(await GraphReplay.DifferencesAsync(db));
    }
}

public sealed class SeedImportHistoryTestsOnSqlite() : SeedImportHistoryTests(DatabaseProvider.Sqlite);

public sealed class SeedImportHistoryTestsOnPostgres() : SeedImportHistoryTests(DatabaseProvider.Postgres);
