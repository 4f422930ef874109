using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.Relations;

namespace SmartCityGraph.Server.Tests.Relations;

/// <summary>A relation field's walk, declared once, is checked against the vocabulary and serves filters and facets as a navigation.</summary>
public sealed class RelationSpecTests
{
    [Fact]
    public void A_walk_along_a_type_that_cannot_connect_those_kinds_is_refused()
    {
        // ORGANISES connects organisations to events, never pilots to events.
        var wrong = RelationSpec.In(NodeKind.Pilot, RelationType.Organises);

        var error = Assert.Throws<InvalidOperationException>(() => wrong.CheckAgainstVocabulary(NodeKind.Event));
        Assert.Contains("Organisation → Event", error.Message);
        Assert.Throws<InvalidOperationException>(() => wrong.Navigation<Event, Pilot>());
    }

    [Fact]
    public void A_walk_the_vocabulary_allows_passes_from_its_owner_or_from_any_kind()
    {
        var organisers = RelationSpec.In(NodeKind.Organisation, RelationType.Organises, RelationType.Hosts);

        Assert.Same(organisers, organisers.CheckAgainstVocabulary(NodeKind.Event));
        Assert.Same(organisers, organisers.CheckAgainstVocabulary(null));
        Assert.Throws<InvalidOperationException>(() => organisers.CheckAgainstVocabulary(NodeKind.Phase));
    }

    [Fact]
    public void The_navigation_is_the_lambda_one_would_write_by_hand()
    {
        var organisers = RelationSpec.In(NodeKind.Organisation, RelationType.Organises, RelationType.Hosts);

        Assert.Equal(
            "e => e.IncomingRelations.Where(r => (((r.Type == Organises) OrElse (r.Type == Hosts)) AndAlso (r.From.Kind == Organisation)))"
            + ".Select(r => Convert(r.From, Organisation))",
            organisers.Navigation<Event, Organisation>().ToString());
        Assert.Equal(
            "e => e.IncomingRelations.Where(r => (((r.Type == Organises) OrElse (r.Type == Hosts)) AndAlso (r.From.Kind == Organisation)))"
            + ".Select(r => Convert(r.From, Organisation).Type)",
            organisers.Navigation<Event, Organisation, OrganisationType?>(o => o.Type).ToString());
        Assert.Equal(
            "e => e.OutgoingRelations.Where(r => (r.Type == PartOf)).Select(r => r.To)",
            new RelationSpec(Direction.Out, [RelationType.PartOf], null).Navigation<StrategyElement, Entity>().ToString());
    }
}
