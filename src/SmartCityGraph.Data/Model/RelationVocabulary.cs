namespace SmartCityGraph.Data.Model;

/// <summary>
/// The meaning of a relation, always read "from → to" (an organisation ORGANISES an event). Every member is
/// declared in <see cref="RelationVocabulary"/> below: adding a relation type is one edit of this file.
/// </summary>
public enum RelationType
{
    Organises, Hosts, Commissions, Coordinates, Funds, Leads, PartnerIn, PartOf, ProducedIn, Informs, Concerns, MemberOf,
    Presents, ContributesTo, Selects, Publishes,
}

/// <summary>A pair of kinds a relation type may connect, read from → to.</summary>
public readonly record struct KindPair(NodeKind From, NodeKind To)
{
    public override string ToString() => $"{From} → {To}";
}

/// <summary>
/// The schema.org property a relation becomes in linked-data exports, and whether it sits on the relation's
/// "to" end (an event's <c>organizer</c>) rather than its "from" end (an element that <c>isPartOf</c> a strategy).
/// </summary>
public sealed record LinkedDataTerm(string Property, bool OnTarget);

/// <summary>
/// What one relation type means: how it reads, which kinds it connects (from → to) and its linked-data term.
/// The importer and the editing mutations accept it only between these kinds; the relation fields, filters
/// and facets walk it only between them.
/// </summary>
public sealed record RelationTypeDeclaration(RelationType Type, string Reads, IReadOnlyList<KindPair> Connects, LinkedDataTerm? LinkedData)
{
    public bool Allows(NodeKind from, NodeKind to) => Connects.Contains(new KindPair(from, to));

    /// <summary>The kinds found at the other end when walking from <paramref name="kind"/> out (towards "to") or in (towards "from").</summary>
    public IEnumerable<NodeKind> Neighbours(NodeKind kind, bool outgoing) =>
        Connects.Where(p => (outgoing ? p.From : p.To) == kind).Select(p => outgoing ? p.To : p.From);
}

/// <summary>
/// The relation vocabulary, declared once: every <see cref="RelationType"/> with the kinds it connects.
/// Read by the seed importer and the write path (which relations are valid), the graph types (their relation
/// fields are checked against it at start-up), the filters and facets built from those fields, and the exports.
/// </summary>
public static class RelationVocabulary
{
    private static readonly Dictionary<RelationType, RelationTypeDeclaration> ByType = new[]
    {
        Declare(RelationType.Organises, "an organisation organises an event", new("organizer", OnTarget: true),
            (NodeKind.Organisation, NodeKind.Event)),
        Declare(RelationType.Hosts, "an organisation hosts an event (the venue or host, not necessarily its organiser)", null,
            (NodeKind.Organisation, NodeKind.Event)),
        Declare(RelationType.Commissions, "an organisation commissions another organisation, a pilot, an event or a part of the knowledge store", null,
            (NodeKind.Organisation, NodeKind.Organisation), (NodeKind.Organisation, NodeKind.Pilot), (NodeKind.Organisation, NodeKind.Event),
            (NodeKind.Organisation, NodeKind.Collection)),
        Declare(RelationType.Coordinates, "an organisation coordinates a phase, an event, a pilot or a participation strand", null,
            (NodeKind.Organisation, NodeKind.Phase), (NodeKind.Organisation, NodeKind.Event), (NodeKind.Organisation, NodeKind.Pilot),
            (NodeKind.Organisation, NodeKind.ParticipationStrand)),
        Declare(RelationType.Funds, "an organisation funds a pilot, or a funding programme", new("funder", OnTarget: true),
            (NodeKind.Organisation, NodeKind.Pilot), (NodeKind.Organisation, NodeKind.Organisation)),
        Declare(RelationType.Leads, "an organisation leads a pilot", new("member", OnTarget: true),
            (NodeKind.Organisation, NodeKind.Pilot)),
        Declare(RelationType.PartnerIn, "an organisation is a partner in a pilot", new("member", OnTarget: true),
            (NodeKind.Organisation, NodeKind.Pilot)),
        Declare(RelationType.PartOf, "an event belongs to a phase, a participation strand, a series or a database of the store; a phase to its "
                                     + "parent phase; a strategy element to its strategy or parent element; an organisation to a larger one; a series "
                                     + "to a phase or strand; a part of the store, a document or a term to the store",
            new("isPartOf", OnTarget: false),
            (NodeKind.Event, NodeKind.Phase), (NodeKind.Event, NodeKind.ParticipationStrand), (NodeKind.Phase, NodeKind.Phase),
            (NodeKind.StrategyElement, NodeKind.Strategy), (NodeKind.StrategyElement, NodeKind.StrategyElement),
            (NodeKind.Organisation, NodeKind.Organisation),
            (NodeKind.Event, NodeKind.Series), (NodeKind.Event, NodeKind.Collection), (NodeKind.Series, NodeKind.Phase),
            (NodeKind.Series, NodeKind.ParticipationStrand), (NodeKind.Collection, NodeKind.Collection),
            (NodeKind.Document, NodeKind.Collection), (NodeKind.Term, NodeKind.Collection)),
        Declare(RelationType.ProducedIn, "a strategy or a result was produced in a phase", null,
            (NodeKind.Strategy, NodeKind.Phase), (NodeKind.Result, NodeKind.Phase)),
        Declare(RelationType.Informs, "a strategy or a result fed into a strategy", null,
            (NodeKind.Strategy, NodeKind.Strategy), (NodeKind.Result, NodeKind.Strategy)),
        Declare(RelationType.Concerns, "an event or a series is about a pilot; a consultation comments on a result", null,
            (NodeKind.Event, NodeKind.Pilot), (NodeKind.Series, NodeKind.Pilot), (NodeKind.Event, NodeKind.Result)),
        Declare(RelationType.MemberOf, "an organisation is a member of a body", new("memberOf", OnTarget: false),
            (NodeKind.Organisation, NodeKind.Organisation)),
        Declare(RelationType.Presents, "an event presents a result or a document", new("about", OnTarget: false),
            (NodeKind.Event, NodeKind.Result), (NodeKind.Event, NodeKind.Document)),
        Declare(RelationType.ContributesTo, "participation (a strand, a series of events, an event) fed a result", null,
            (NodeKind.ParticipationStrand, NodeKind.Result), (NodeKind.Series, NodeKind.Result), (NodeKind.Event, NodeKind.Result)),
        Declare(RelationType.Selects, "a call selects an organisation from its applicants", null,
            (NodeKind.Series, NodeKind.Organisation)),
        Declare(RelationType.Publishes, "an organisation publishes a document or runs a part of the knowledge store", new("publisher", OnTarget: true),
            (NodeKind.Organisation, NodeKind.Collection), (NodeKind.Organisation, NodeKind.Document)),
    }.ToDictionary(d => d.Type);

    static RelationVocabulary()
    {
        var undeclared = Enum.GetValues<RelationType>().Where(t => !ByType.ContainsKey(t)).ToList();
        if (undeclared.Count > 0)
            throw new InvalidOperationException($"Relation types without a declaration in RelationVocabulary: {string.Join(", ", undeclared)}.");
    }

    public static IReadOnlyCollection<RelationTypeDeclaration> All => ByType.Values;

    public static RelationTypeDeclaration Of(RelationType type) => ByType[type];

    /// <summary>Whether <paramref name="type"/> may connect an entity of kind <paramref name="from"/> to one of kind <paramref name="to"/>.</summary>
    public static bool Allows(RelationType type, NodeKind from, NodeKind to) => ByType[type].Allows(from, to);

    private static RelationTypeDeclaration Declare(RelationType type, string reads, LinkedDataTerm? linkedData, params (NodeKind From, NodeKind To)[] connects) =>
        new(type, reads, [.. connects.Select(c => new KindPair(c.From, c.To))], linkedData);
}
