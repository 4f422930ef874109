using System.Text.Json.Serialization;

namespace SmartCityGraph.Data.Model;

/// <summary>
/// A node of the knowledge graph. All kinds share one table (table-per-hierarchy), so relations,
/// search and traversal treat every kind alike and a new kind needs no new join paths.
/// </summary>
public abstract class Entity : IStoredSources
{
    private StoredSources _storedSources; // not "_sources": EF Core would take that as the property's backing field

    protected Entity(NodeKind kind) => Kind = kind;

    /// <summary>Surrogate key for joins; never shown to clients.</summary>
    [JsonIgnore] public int Id { get; set; }

    [JsonPropertyOrder(-10)] public NodeKind Kind { get; private set; }

    /// <summary>Stable, human-readable key, unique within its kind; part of the public global id.</summary>
    [JsonPropertyOrder(-9)] public required string Key { get; set; }

    // The order of the fields in revision images (Editing.RevisionImages): the kind's own fields come between these and the sources.
    /// <summary>The title as the sources give it, in its own language (the seed mixes German and English).</summary>
    [JsonPropertyOrder(-8)] public required string Title { get; set; }
    /// <summary>The German title where a source gives one and <see cref="Title"/> is another; never translated here.</summary>
    [JsonPropertyOrder(-7)] public string? TitleDe { get; set; }
    /// <summary>The English title where a source gives one (the domain notes' glosses) and <see cref="Title"/> is another.</summary>
    [JsonPropertyOrder(-6)] public string? TitleEn { get; set; }
    /// <summary>A summary in our own words, in English.</summary>
    [JsonPropertyOrder(-5)] public string? Summary { get; set; }
    /// <summary>A German summary, condensed from a German passage of the sources (only where one was written so).</summary>
    [JsonPropertyOrder(-4)] public string? SummaryDe { get; set; }
    [JsonPropertyOrder(1)] public List<Source> Sources { get => _storedSources.Value; set => _storedSources.Set(value); }

    void IStoredSources.SetSourcesJson(string json) => _storedSources.SetJson(json);

    /// <summary>1 when created, one more with every change (the optimistic-concurrency token of edits).</summary>
    [JsonPropertyOrder(2)] public int Version { get; set; } = 1;

    /// <summary>The number of the revision that last changed it (0: none, a row written outside the write path).</summary>
    [JsonIgnore] public int Revision { get; set; }

    /// <summary>When that revision was made (UTC): "as of" this instant reproduces the entity exactly as it reads now.</summary>
    [JsonIgnore] public DateTime? RevisedAt { get; set; }

    // Created when first asked for: queries name these navigations in their expressions but never fill them, and
    // every materialized entity allocated two empty lists.
    private List<Relation>? _outgoingRelations;
    private List<Relation>? _incomingRelations;

    [JsonIgnore] public List<Relation> OutgoingRelations { get => _outgoingRelations ??= []; set => _outgoingRelations = value; }
    [JsonIgnore] public List<Relation> IncomingRelations { get => _incomingRelations ??= []; set => _incomingRelations = value; }
}

/// <summary>Which kind an entity class holds; each class names its kind in its constructor.</summary>
public static class EntityKinds
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, NodeKind?> Kinds = new();

    /// <summary>The kind of <paramref name="type"/>, or null for <see cref="Entity"/> itself (any kind).</summary>
    public static NodeKind? Of(Type type) =>
        Kinds.GetOrAdd(type, t => t.IsAbstract || !typeof(Entity).IsAssignableFrom(t) ? null : ((Entity)Activator.CreateInstance(t)!).Kind);
}

public sealed class Strategy() : Entity(NodeKind.Strategy)
{
    public DateOnly? AdoptedOn { get; set; }
    public string? Url { get; set; }
}

public sealed class Phase() : Entity(NodeKind.Phase)
{
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
}

public sealed class Event() : Entity(NodeKind.Event)
{
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public EventCategory Category { get; set; }
    public EventType? Type { get; set; }
    /// <summary>What the source said; kept beside the derived <see cref="EventStatusRule"/> status.</summary>
    public EventStatus? RecordedStatus { get; set; }
    public bool Cancelled { get; set; }
    public string? Url { get; set; }
    /// <summary>False when <see cref="Entity.Title"/> is a placeholder because the source gives none.</summary>
    public bool TitleKnown { get; set; } = true;
    /// <summary>Position in the original knowledge store's timeline ("Zeitschiene"), when it came from there.</summary>
    public int? TimelineRow { get; set; }
}

public sealed class Organisation() : Entity(NodeKind.Organisation)
{
    public OrganisationType? Type { get; set; }
    public string? Url { get; set; }
    public string? Abbreviation { get; set; }
    /// <summary>Other names the sources give, such as a ministry's later name.</summary>
    public List<string> Aliases { get; set; } = [];
}

public sealed class Pilot() : Entity(NodeKind.Pilot)
{
    /// <summary>The project's name in the original knowledge store.</summary>
    public string? SeedTitle { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? Url { get; set; }
}

public sealed class StrategyElement() : Entity(NodeKind.StrategyElement)
{
    public StrategyElementType Type { get; set; }
}

public sealed class ParticipationStrand() : Entity(NodeKind.ParticipationStrand);

/// <summary>A document of the process the sources name, such as the participation concept.</summary>
public sealed class Document() : Entity(NodeKind.Document)
{
    public string? Url { get; set; }
}

/// <summary>A result of the participation process (a draft, interim results), traced to what fed it and what it informed.</summary>
public sealed class Result() : Entity(NodeKind.Result)
{
    public ResultType Type { get; set; }
}

/// <summary>A term the process defined; <see cref="Definition"/> is the source's text, verbatim.</summary>
public sealed class Term() : Entity(NodeKind.Term)
{
    /// <summary>The definition as the source words it (in German), paragraphs separated by line breaks.</summary>
    public string? Definition { get; set; }
}

/// <summary>A part of the original knowledge store (a database or page), with what the sources say of its content.</summary>
public sealed class Collection() : Entity(NodeKind.Collection)
{
    /// <summary>False when the sources name the part but give none of its entries.</summary>
    public bool ContentKnown { get; set; }
    /// <summary>The column headings of a database, where the sources show them.</summary>
    public List<string> Columns { get; set; } = [];
}

/// <summary>
/// Events the sources describe as a whole without dating each (more than 20 future workshops, a call, a body's
/// planned sessions) or an outside event the process took part in; the dated events among them are its parts.
/// </summary>
public sealed class Series() : Entity(NodeKind.Series)
{
    public SeriesType Type { get; set; }
    /// <summary>Only where the sources date the series as a whole.</summary>
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    /// <summary>How many parts the sources state (<see cref="SizeQualifier"/> says how exact), never counted here.</summary>
    public int? Size { get; set; }
    public SizeQualifier? SizeQualifier { get; set; }
}
