using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Editing;

/// <summary>The write path: rules, versions, keys, cascading deletes, reverts, and a history that replays to the stored graph.</summary>
public abstract class GraphWriterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly EditingDatabase database = new(provider);

    public async Task InitializeAsync() => await database.ImportAsync(SeedLocation.Directory);

    public Task DisposeAsync()
    {
        database.Dispose();
        return Task.CompletedTask;
    }

    private static Event Workshop(string title = "Workshop Smart Water") =>
        new() { Key = "", Title = title, StartDate = new DateOnly(2023, 5, 4), Category = EventCategory.Participation, Type = EventType.Workshop };

    private Task<EditResult<Event>> CreateAsync(Event draft, IReadOnlyList<Source>? sources = null) =>
        database.WriteAsync("Ada", (s, ct) => s.CreateAsync(draft, sources ?? EditingDatabase.Cited(), "new", ct));

    [SkippableFact]
    public async Task A_new_entity_gets_a_key_from_its_title_that_no_entity_of_its_kind_ever_had()
    {
        var first = await CreateAsync(Workshop("Bürger:innen-Forum Süd"));
        var second = await CreateAsync(Workshop("Bürger:innen-Forum Süd"));
        var deleted = await database.WriteAsync("Ada", async (s, ct) => { await s.DeleteAsync(NodeKind.Event, "buerger-innen-forum-sued-2", 1, "duplicate", ct); return true; });
        var third = await CreateAsync(Workshop("Bürger:innen-Forum Süd"));

        Assert.Equal("buerger-innen-forum-sued", first.Value!.Key);
        Assert.Equal("buerger-innen-forum-sued-2", second.Value!.Key);
        Assert.True(deleted.Succeeded);
        Assert.Equal("buerger-innen-forum-sued-3", third.Value!.Key); // -2 once named another event
        Assert.Equal(1, first.Value.Version);
    }

    [SkippableFact]
    public async Task A_change_without_a_source_is_refused_naming_sources_and_writes_nothing()
    {
        await using var before = database.Context();
        var revisions = await before.Revisions.CountAsync();

        var result = await CreateAsync(Workshop(), []);

        var problem = Assert.IsType<ValidationProblem>(Assert.Single(result.Problems));
        Assert.Equal("sources", problem.Field);
        await using var db = database.Context();
        Assert.Equal(revisions, await db.Revisions.CountAsync());
        Assert.False(await db.Events.AnyAsync(e => e.Title == "Workshop Smart Water"));
    }

    [SkippableFact]
    public async Task The_importer_rules_hold_for_edits_too()
    {
        var backwards = Workshop();
        backwards.EndDate = new DateOnly(2023, 5, 1);
        backwards.Url = "ftp://example.org";

        var result = await CreateAsync(backwards);

        Assert.Equal(["endDate", "url"], result.Problems.Cast<ValidationProblem>().Select(p => p.Field).Order());
    }

    [SkippableFact]
    public async Task A_stale_version_is_a_conflict_naming_the_current_one_and_changes_nothing()
    {
        var created = await CreateAsync(Workshop());
        var key = created.Value!.Key;
        var updated = await database.WriteAsync("Ada", (s, ct) => s.UpdateAsync(NodeKind.Event, key, 1, e => e.Summary = "first", EditingDatabase.Cited(), null, ct));

        var stale = await database.WriteAsync("Bob", (s, ct) => s.UpdateAsync(NodeKind.Event, key, 1, e => e.Summary = "second", EditingDatabase.Cited(), null, ct));

        Assert.Equal(2, updated.Value!.Version);
        var conflict = Assert.IsType<ConflictProblem>(Assert.Single(stale.Problems));
        Assert.Equal(2, conflict.CurrentVersion);
        await using var db = database.Context();
        Assert.Equal("first", (await db.Events.SingleAsync(e => e.Key == key)).Summary);
        Assert.Equal([1, 2], await db.Revisions.Where(r => r.SubjectKey == key).OrderBy(r => r.Number).Select(r => r.Version).ToListAsync());
    }

    [SkippableFact]
    public async Task Relations_only_between_the_kinds_their_type_connects_and_never_dangling()
    {
        var created = await CreateAsync(Workshop());
        var key = created.Value!.Key;

        var wrongKinds = await database.WriteAsync("Ada", (s, ct) => s.AddRelationAsync(RelationType.Organises,
            (NodeKind.Event, key), (NodeKind.Organisation, "technologiestiftung-berlin"), null, null, null, EditingDatabase.Cited(), null, ct));
        var dangling = await database.WriteAsync("Ada", (s, ct) => s.AddRelationAsync(RelationType.Organises,
            (NodeKind.Organisation, "no-such-organisation"), (NodeKind.Event, key), null, null, null, EditingDatabase.Cited(), null, ct));
        var right = await database.WriteAsync("Ada", (s, ct) => s.AddRelationAsync(RelationType.Organises,
            (NodeKind.Organisation, "technologiestiftung-berlin"), (NodeKind.Event, key), "host", null, null, EditingDatabase.Cited(), null, ct));
        var twice = await database.WriteAsync("Ada", (s, ct) => s.AddRelationAsync(RelationType.Organises,
            (NodeKind.Organisation, "technologiestiftung-berlin"), (NodeKind.Event, key), "host", null, null, EditingDatabase.Cited(), null, ct));

        Assert.Equal("type", Assert.IsType<ValidationProblem>(Assert.Single(wrongKinds.Problems)).Field);
        Assert.Equal("from", Assert.IsType<NotFoundProblem>(Assert.Single(dangling.Problems)).Field);
        Assert.True(right.Succeeded);
        Assert.Equal("to", Assert.IsType<ValidationProblem>(Assert.Single(twice.Problems)).Field);
    }

    [SkippableFact]
    public async Task Deleting_an_entity_removes_and_records_its_relations_and_a_revert_brings_the_entity_back_with_its_id()
    {
        await using var db = database.Context();
        var pilot = await db.Pilots.AsNoTracking().SingleAsync(p => p.Key == "smart-water");
        var relations = await db.Relations.CountAsync(r => r.FromId == pilot.Id || r.ToId == pilot.Id);
        Assert.True(relations > 0);

        var deleted = await database.WriteAsync("Admin", async (s, ct) => { await s.DeleteAsync(NodeKind.Pilot, "smart-water", 1, "test", ct); return true; });

        Assert.Equal(relations + 1, deleted.Revisions.Count);
        Assert.False(await db.Relations.AnyAsync(r => r.FromId == pilot.Id || r.ToId == pilot.Id));
        var last = deleted.Revisions[^1];
        var deletion = await db.Revisions.SingleAsync(r => r.Number == last);
        Assert.Equal((RevisionAction.Delete, 2, (string?)null), (deletion.Action, deletion.Version, deletion.After));

        var reverted = await database.WriteAsync("Admin", (s, ct) => s.RevertAsync(deletion.Number, "by mistake", ct));

        var back = await db.Pilots.AsNoTracking().SingleAsync(p => p.Key == "smart-water");
        Assert.Equal((pilot.Id, pilot.Title, 3), (back.Id, back.Title, back.Version));
        Assert.Equal((RevisionAction.Revert, deletion.Number), (reverted.Value!.Action, reverted.Value.Reverts));
        Assert.Empty(await GraphReplay.DifferencesAsync(db));
    }

    [SkippableFact]
    public async Task The_replay_of_the_history_up_to_a_revision_is_the_graph_as_it_stood_then()
    {
        var created = await CreateAsync(Workshop());
        var key = created.Value!.Key;
        var afterCreate = created.Revisions[^1];
        await database.WriteAsync("Ada", (s, ct) => s.UpdateAsync(NodeKind.Event, key, 1, e => e.Title = "Renamed", EditingDatabase.Cited(), null, ct));
        await database.WriteAsync("Ada", (s, ct) => s.AddRelationAsync(RelationType.PartOf,
            (NodeKind.Event, key), (NodeKind.Phase, "stufe-2-ausarbeitungsphase"), null, null, null, EditingDatabase.Cited(), null, ct));

        await using var db = database.Context();
        var then = await GraphReplay.StateAtAsync(db, afterCreate);
        var before = await GraphReplay.StateAtAsync(db, afterCreate - 1);
        var now = await GraphReplay.StateAtAsync(db, await GraphReplay.HeadAsync(db));

        Assert.Equal("Workshop Smart Water", then.Entities.OfType<Event>().Single(e => e.Key == key).Title);
        Assert.DoesNotContain(before.Entities, e => e.Key == key);
        Assert.Equal("Renamed", now.Entities.OfType<Event>().Single(e => e.Key == key).Title);
        Assert.Equal(then.Relations.Count + 1, now.Relations.Count);
        Assert.Empty(await GraphReplay.DifferencesAsync(db));
    }

    [SkippableFact]
    public async Task Revisions_are_numbered_and_timed_in_commit_order_and_announced_after_commit_only()
    {
        database.Notified.Clear();
        var ok = await CreateAsync(Workshop());
        var refused = await CreateAsync(Workshop(), []);

        Assert.Equal([ok.Revisions], database.Notified);
        Assert.Empty(refused.Revisions);
        await using var db = database.Context();
        var times = await db.Revisions.OrderBy(r => r.Number).Select(r => r.At).ToListAsync();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        Assert.All(times, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }
}

public sealed class GraphWriterTestsOnSqlite() : GraphWriterTests(DatabaseProvider.Sqlite);

public sealed class GraphWriterTestsOnPostgres() : GraphWriterTests(DatabaseProvider.Postgres);
