using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;

namespace SmartCityGraph.Data.Tests.Seeding;

/// <summary>A broken seed is refused whole, with every problem located by file, record and field.</summary>
public sealed class SeedReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("seed-test").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private void Write(string file, string json) => File.WriteAllText(Path.Combine(directory, file), json);

    private const string Sources = """{ "records": [ { "id": "s1", "title": "A source" } ] }""";

    [Fact]
    public void A_valid_minimal_seed_reads_with_relations_wired()
    {
        Write("sources.json", Sources);
        Write("organisations.json", """
            { "records": [ { "key": "org", "title": "Org", "type": "BUSINESS", "sources": [ { "ref": "s1" } ],
              "relations": [ { "type": "ORGANISES", "to": "Event:ev", "role": "host" } ] } ] }
            """);
        Write("events.json", """{ "records": [ { "key": "ev", "title": "Ev", "startDate": "2021-03-16", "category": "PARTICIPATION", "sources": [ { "ref": "s1", "note": "n" } ] } ] }""");

        var seed = SeedReader.Read(directory);

        Assert.Equal(2, seed.Entities.Count);
        var relation = Assert.Single(seed.Relations);
        Assert.Equal("org", relation.From.Key);
        Assert.Equal("ev", relation.To.Key);
        Assert.Equal("A source", Assert.Single(relation.Sources).Title); // inherited from its entity
    }

    [Fact]
    public void A_relation_type_between_kinds_it_does_not_connect_is_refused()
    {
        Write("sources.json", Sources);
        Write("organisations.json", """{ "records": [ { "key": "org", "title": "Org", "sources": [ { "ref": "s1" } ] } ] }""");
        Write("events.json", """
            { "records": [ { "key": "ev", "title": "Ev", "startDate": "2021-03-16", "category": "NETWORK", "sources": [ { "ref": "s1" } ],
              "relations": [ { "type": "ORGANISES", "to": "Organisation:org" } ] } ] }
            """);

        var error = Assert.Throws<SeedValidationException>(() => SeedReader.Read(directory));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("events.json", "ev", "relations[0].type"), (problem.File, problem.Record, problem.Field));
        Assert.Contains("ORGANISES cannot link Event to Organisation; it connects only Organisation → Event", problem.Message);
    }

    [Fact]
    public void The_real_seed_keeps_to_the_relation_vocabulary()
    {
        var seed = SeedReader.Read(SeedLocation.Directory);

        Assert.All(seed.Relations, r => Assert.True(RelationVocabulary.Allows(r.Type, r.From.Kind, r.To.Kind), $"{r.Type}: {r.From.Kind} → {r.To.Kind}"));
    }

    [Theory]
    [InlineData("""{ "key": "ev", "title": "Ev", "startDate": "2021-13-01", "category": "PARTICIPATION", "sources": [ { "ref": "s1" } ] }""", "startDate", "not a date")]
    [InlineData("""{ "key": "ev", "title": "Ev", "startDate": "2021-03-02", "endDate": "2021-03-01", "category": "PARTICIPATION", "sources": [ { "ref": "s1" } ] }""", "endDate", "before the start date")]
    [InlineData("""{ "key": "ev", "title": "Ev", "startDate": "2021-03-01", "category": "PARTY", "sources": [ { "ref": "s1" } ] }""", "category", "not one of")]
    [InlineData("""{ "key": "ev", "title": "Ev", "startDate": "2021-03-01", "category": "NETWORK", "sources": [] }""", "sources", "at least one source")]
    [InlineData("""{ "key": "ev", "title": "Ev", "startDate": "2021-03-01", "category": "NETWORK", "sources": [ { "ref": "nope" } ] }""", "sources[0].ref", "is not a source")]
    [InlineData("""{ "key": "ev", "title": "Ev", "startDate": "2021-03-01", "category": "NETWORK", "sources": [ { "ref": "s1" } ], "relations": [ { "type": "PART_OF", "to": "Phase:missing" } ] }""", "relations[0].to", "does not name an entity")]
    [InlineData("""{ "key": "Bad Key", "title": "Ev", "startDate": "2021-03-01", "category": "NETWORK", "sources": [ { "ref": "s1" } ] }""", "key", "lower-case")]
    [InlineData("""{ "key": "ev", "startDate": "2021-03-01", "category": "NETWORK", "sources": [ { "ref": "s1" } ] }""", "title", "required")]
    public void A_broken_record_is_reported_with_file_record_and_field(string record, string field, string message)
    {
        Write("sources.json", Sources);
        Write("events.json", $$"""{ "records": [ {{record}} ] }""");

        var error = Assert.Throws<SeedValidationException>(() => SeedReader.Read(directory));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("events.json", problem.File);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message);
        Assert.Contains("events.json", error.Message);
    }

    [Fact]
    public void Malformed_json_names_the_file()
    {
        Write("sources.json", Sources);
        Write("pilots.json", """{ "records": [ { "key": "p", """);

        var error = Assert.Throws<SeedValidationException>(() => SeedReader.Read(directory));

        Assert.Equal("pilots.json", Assert.Single(error.Problems).File);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        Write("sources.json", Sources);
        Write("pilots.json", """{ "records": [ { "key": "p", "title": "A", "sources": [ { "ref": "s1" } ] }, { "key": "p", "title": "B", "sources": [ { "ref": "s1" } ] } ] }""");

        var problem = Assert.Single(Assert.Throws<SeedValidationException>(() => SeedReader.Read(directory)).Problems);

        Assert.Equal(("pilots.json", "p", "key"), (problem.File, problem.Record, problem.Field));
    }
}
