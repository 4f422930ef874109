using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Tests.Model;

/// <summary>Sources kept as their stored JSON until read: the same lists as parsed at once, and a set list wins.</summary>
public sealed class StoredSourcesTests
{
    private const string Json = """[{"Title":"Wissensspeicher","Url":"https://example.org/ws","RetrievedOn":"2022-03-01","Publisher":null,"Note":"n"}]""";

    [Fact]
    public void A_new_object_has_an_empty_list_that_stays_the_same_list()
    {
        var relation = new Relation();
        Assert.Empty(relation.Sources);
        relation.Sources.Add(new Source { Title = "added" });
        Assert.Equal("added", Assert.Single(relation.Sources).Title);
    }

    [Fact]
    public void Json_set_by_a_row_reader_is_parsed_on_first_read_once()
    {
        var pilot = new Pilot { Key = "p", Title = "P" };
        ((IStoredSources)pilot).SetSourcesJson(Json);
        var source = Assert.Single(pilot.Sources);
        Assert.Equal(("Wissensspeicher", "https://example.org/ws", new DateOnly(2022, 3, 1), "n"), (source.Title, source.Url, source.RetrievedOn, source.Note));
        Assert.Same(pilot.Sources, pilot.Sources); // parsed once: changes to the list stay
    }

    [Fact]
    public void A_list_set_after_the_json_replaces_it_and_json_set_after_a_list_replaces_that()
    {
        var relation = new Relation();
        ((IStoredSources)relation).SetSourcesJson(Json);
        relation.Sources = [new Source { Title = "edited" }];
        Assert.Equal("edited", Assert.Single(relation.Sources).Title);

        ((IStoredSources)relation).SetSourcesJson("[]");
        Assert.Empty(relation.Sources);
    }
}
