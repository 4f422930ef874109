using SmartCityGraph.Data.Seeding;
using Snapshooter.Xunit;

namespace SmartCityGraph.Data.Tests.Seeding;

/// <summary>The check that lists facts resting only on notes that cite no original source, so they can be sourced.</summary>
public sealed class SeedSourceAuditTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("seed-audit").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void Write(string file, string json) => File.WriteAllText(Path.Combine(directory, file), json);

    [Fact]
    public void Lists_what_rests_only_on_uncited_notes_and_nothing_with_a_cited_source()
    {
        Write("sources.json", """
            { "records": [ { "id": "notes", "title": "Notes", "uncited": true }, { "id": "paper", "title": "A paper" } ] }
            """);
        Write("organisations.json", """
            { "records": [
              { "key": "only-notes", "title": "Only notes", "type": "BUSINESS", "sources": [ { "ref": "notes" } ],
                "relations": [ { "type": "ORGANISES", "to": "Event:ev" },
                               { "type": "HOSTS", "to": "Event:ev", "sources": [ { "ref": "paper" } ] } ] },
              { "key": "both", "title": "Both", "type": "BUSINESS", "sources": [ { "ref": "notes" }, { "ref": "paper" } ],
                "relations": [ { "type": "ORGANISES", "to": "Event:ev", "sources": [ { "ref": "notes" } ] } ] } ] }
            """);
        Write("events.json", """{ "records": [ { "key": "ev", "title": "Ev", "startDate": "2021-03-16", "category": "NETWORK", "sources": [ { "ref": "paper" } ] } ] }""");

        var facts = SeedSourceAudit.UncitedOnly(directory).Select(f => f.ToString()).ToList();

        Assert.Equal(
            [
                "Organisation:only-notes  Only notes",
                "Organisation:only-notes ORGANISES Event:ev  Only notes",   // inherits its entity's sources, as on import
                "Organisation:both ORGANISES Event:ev  Both",
            ],
            facts);
    }

    [Fact]
    public void The_committed_seed_lists_what_still_needs_a_source()
    {
        // A reviewable list: sourcing a fact shrinks it, a new fact resting on notes alone grows it.
        Snapshot.Match(SeedSourceAudit.UncitedOnly(SeedLocation.Directory).Select(f => f.ToString()).ToList());
    }
}
