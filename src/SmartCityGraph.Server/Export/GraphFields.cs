using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// The attributes GraphML and GEXF give nodes and edges, in one order, so both formats describe the
/// graph alike (Gephi shows them as columns of its data laboratory).
/// </summary>
public static class GraphFields
{
    public sealed record Field<T>(string Name, string Description, Func<T, DateOnly, string?> Value);

    public static readonly IReadOnlyList<Field<Entity>> Node =
    [
        new("kind", "NodeKind: STRATEGY, PHASE, EVENT, ORGANISATION, PILOT, STRATEGY_ELEMENT, PARTICIPATION_STRAND, DOCUMENT, RESULT, TERM, COLLECTION, SERIES", (e, _) => ExportText.Name(e.Kind)),
        new("key", "stable key within the kind (part of the global id)", (e, _) => e.Key),
        new("title", "display label as the sources give it; an organisation's name", (e, _) => e.Title),
        new("titleDe", "German title, where a source gives one and title is another", (e, _) => e.TitleDe),
        new("titleEn", "English title, where a source gives one and title is another", (e, _) => e.TitleEn),
        new("summary", "short description in own words (English)", (e, _) => e.Summary),
        new("summaryDe", "German summary, condensed from a German passage", (e, _) => e.SummaryDe),
        new("startDate", "first day (phases, events, pilots, series dated as a whole)", (e, _) => StartDate(e)),
        new("endDate", "last day (phases, events, pilots, series dated as a whole)", (e, _) => EndDate(e)),
        new("adoptedOn", "day a strategy was adopted", (e, _) => e is Strategy s ? ExportText.Date(s.AdoptedOn) : null),
        new("type", "an event's, organisation's, strategy element's, result's or series' type", (e, _) => Type(e)),
        new("category", "an event's category (PARTICIPATION, NETWORK)", (e, _) => e is Event ev ? ExportText.Name(ev.Category) : null),
        new("status", "an event's status on the day of the export (derived from its dates unless cancelled)", (e, today) => e is Event ev ? ExportText.Name(ev.StatusOn(today)) : null),
        new("url", "web address", (e, _) => Url(e)),
        new("sources", "provenance: title <url>; …", (e, _) => ExportText.Sources(e.Sources)),
    ];

    public static readonly IReadOnlyList<Field<ExportRelation>> Edge =
    [
        new("type", "RelationType, read from → to (an organisation ORGANISES an event)", (r, _) => ExportText.Name(r.Relation.Type)),
        new("role", "the part the from entity plays, where the source names one", (r, _) => r.Relation.Role),
        new("validFrom", "first day the relation held, where known", (r, _) => ExportText.Date(r.Relation.ValidFrom)),
        new("validTo", "last day the relation held, where known", (r, _) => ExportText.Date(r.Relation.ValidTo)),
        new("sources", "provenance: title <url>; …", (r, _) => ExportText.Sources(r.Relation.Sources)),
    ];

    public static string? StartDate(Entity e) => e switch
    {
        Phase p => ExportText.Date(p.StartDate),
        Event ev => ExportText.Date(ev.StartDate),
        Pilot p => ExportText.Date(p.StartDate),
        Series s => ExportText.Date(s.StartDate),
        _ => null,
    };

    public static string? EndDate(Entity e) => e switch
    {
        Phase p => ExportText.Date(p.EndDate),
        Event ev => ExportText.Date(ev.EndDate),
        Pilot p => ExportText.Date(p.EndDate),
        Series s => ExportText.Date(s.EndDate),
        _ => null,
    };

    public static string? Type(Entity e) => e switch
    {
        Event ev => ExportText.Name(ev.Type),
        Organisation o => ExportText.Name(o.Type),
        StrategyElement s => ExportText.Name(s.Type),
        Result r => ExportText.Name(r.Type),
        Series s => ExportText.Name(s.Type),
        _ => null,
    };

    public static string? Url(Entity e) => e switch
    {
        Strategy s => s.Url,
        Event ev => ev.Url,
        Organisation o => o.Url,
        Pilot p => p.Url,
        Document d => d.Url,
        _ => null,
    };
}
