using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;

namespace SmartCityGraph.Data.Tests.Editing;

/// <summary>
/// SQLite's AddHistory on a database that already holds a graph (migrated and filled before editing existed): the
/// rows keep their content at version 1, the history starts empty, and the next edit is version 2 with its revision.
/// </summary>
public sealed class AddHistoryMigrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("smartcitygraph-migration").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private SmartCityDbContext Context() =>
        new(new DbContextOptionsBuilder<SmartCityDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "existing.db")}").Options);

    [Fact]
    public async Task An_existing_graph_gets_versions_and_an_empty_history_and_edits_go_on_from_there()
    {
        await using (var before = Context())
        {
            var migrations = before.Database.GetMigrations().ToList();
            var addHistory = migrations.Single(m => m.EndsWith("_AddHistory", StringComparison.Ordinal));
            await before.GetService<IMigrator>().MigrateAsync(migrations[migrations.IndexOf(addHistory) - 1]);
            // The graph as the importer wrote it before editing: no Version, Revision or RevisedAt columns, no Revisions table
            // (braces doubled: raw SQL is a format string).
            await before.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Entities" ("Kind", "Key", "Title", "Summary", "Sources", "StartDate", "Category", "Cancelled", "TitleKnown")
                VALUES ('Event', 'workshop-alt', 'Workshop (before editing)', 'Old summary.', '[{{"Title":"Flyer"}}]', '2021-03-01', 'Participation', 0, 1);
                INSERT INTO "Entities" ("Kind", "Key", "Title", "Sources") VALUES ('Phase', 'phase-alt', 'Phase (before editing)', '[{{"Title":"Flyer"}}]');
                INSERT INTO "Relations" ("Type", "FromId", "ToId", "Sources")
                  SELECT 'PartOf', e."Id", p."Id", '[{{"Title":"Flyer"}}]' FROM "Entities" e, "Entities" p WHERE e."Key" = 'workshop-alt' AND p."Key" = 'phase-alt';
                """);
        }

        await using (var migrated = Context())
        {
            await migrated.Database.MigrateAsync();
            Assert.Empty(await migrated.Database.GetPendingMigrationsAsync());
            var workshop = await migrated.Entities.OfType<Event>().SingleAsync(e => e.Key == "workshop-alt");
            Assert.Equal(("Workshop (before editing)", "Old summary.", 1, 0), (workshop.Title, workshop.Summary, workshop.Version, workshop.Revision));
            Assert.Equal(1, (await migrated.Relations.SingleAsync()).Version);
            Assert.Equal(0, await migrated.Revisions.CountAsync());
        }

        await using (var db = Context())
        {
            var writer = new GraphWriter(db, new NoChangeNotifier(), TimeProvider.System, NullLogger<GraphWriter>.Instance);
            var edit = await writer.WriteAsync("Ada", (session, ct) => session.UpdateAsync(
                NodeKind.Event, "workshop-alt", 1, e => e.Summary = "New summary.", [new Source { Title = "Minutes" }], "after the migration", ct));

            Assert.True(edit.Succeeded);
            Assert.Equal(2, edit.Value!.Version);
            var revision = await db.Revisions.SingleAsync();
            Assert.Equal((1, RevisionAction.Update, "Ada", 2), (revision.Number, revision.Action, revision.Actor, revision.Version));
            Assert.Contains("Old summary.", revision.Before);
            Assert.Contains("New summary.", revision.After);
        }
    }
}
