using System.Text.Json.Serialization;

namespace SmartCityGraph.Data.Model;

/// <summary>
/// A node of the knowledge graph. All kinds share one table (table-per-hierarchy), so relations,
/// search and traversal treat every kind alike and a new kind needs no new join paths.
/// </summary>
public abstract class Entity
{
    protected Entity(NodeKind kind) => Kind = kind;

    /// <summary>Surrogate key for joins; never shown to clients.</summary>
    [JsonIgnore] public int Id { get; set; }

    [JsonPropertyOrder(-4)] public NodeKind Kind { get; private set; }

    /// <summary>Stable, human-readable key, unique within its kind; part of the public global id.</summary>
    [JsonPropertyOrder(-3)] public required string Key { get; set; }

    [JsonPropertyOrder(-2)] public required string Title { get; set; }
    [JsonPropertyOrder(-1)] public string? Summary { get; set; }
    // In revision images (Editing.RevisionImages) the kind's own fields come between these and the sources.
    [JsonPropertyOrder(1)] public List<Source> Sources { get; set; } = [];

    /// <summary>1 when created, one more with every change (the optimistic-concurrency token of edits).</summary>
    [JsonPropertyOrder(2)] public int Version { get; set; } = 1;

    /// <summary>The number of the revision that last changed it (0: none, a row written outside the write path).</summary>
    [JsonIgnore] public int Revision { get; set; }

    /// <summary>When that revision was made (UTC): "as of" this instant reproduces the entity exactly as it reads now.</summary>
    [JsonIgnore] public DateTime? RevisedAt { get; set; }

    [JsonIgnore] public List<Relation> OutgoingRelations { get; set; } = [];
    [JsonIgnore] public List<Relation> IncomingRelations { get; set; } = [];
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
