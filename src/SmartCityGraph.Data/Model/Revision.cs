namespace SmartCityGraph.Data.Model;

public enum RevisionAction { Create, Update, Delete, Revert, Import }

/// <summary>What a revision changed: an entity or a relation.</summary>
public enum RevisionSubject { Entity, Relation }

/// <summary>
/// One recorded change of one entity or relation, written in the transaction that made it: who, when, what
/// it was before and after (the JSON images of <see cref="Editing.RevisionImages"/>), why and on which sources.
/// Replaying the revisions in number order rebuilds the graph as it stood at any of them.
/// </summary>
public sealed class Revision
{
    /// <summary>Gapless, in commit order; the public id of the revision.</summary>
    public int Number { get; set; }

    /// <summary>UTC, microsecond precision, strictly increasing with <see cref="Number"/>: "as of" a revision's time is exactly that revision.</summary>
    public DateTime At { get; set; }

    public required string Actor { get; set; }
    public RevisionAction Action { get; set; }
    public RevisionSubject SubjectType { get; set; }

    /// <summary>The subject's surrogate id (never reused), so replay restores rows, order and relation ids exactly.</summary>
    public int SubjectRowId { get; set; }

    /// <summary>An entity's kind; null for a relation.</summary>
    public NodeKind? SubjectKind { get; set; }

    /// <summary>An entity's key; a relation's id as text.</summary>
    public required string SubjectKey { get; set; }

    /// <summary>A relation's type; null for an entity.</summary>
    public RelationType? RelationType { get; set; }

    /// <summary>The subject's version after this change (for a deletion: the one after its last).</summary>
    public int Version { get; set; }

    /// <summary>The subject's JSON image before the change; null when it did not exist.</summary>
    public string? Before { get; set; }

    /// <summary>The subject's JSON image after the change; null when it no longer exists.</summary>
    public string? After { get; set; }

    public string? Comment { get; set; }
    public List<Source> Sources { get; set; } = [];

    /// <summary>For a revert: the number of the revision whose change it undid.</summary>
    public int? Reverts { get; set; }
}
