namespace SmartCityGraph.Data.Synthetic;

/// <summary>
/// Writes entity rows straight to the database, skipping EF's change tracker (which would need minutes and
/// gigabytes for a million entities). One row at a time: <see cref="Begin"/>, <see cref="Set"/> the kind's
/// columns, <see cref="Write"/>. Column names follow the migrations; each provider has its own writer.
/// </summary>
public abstract class EntityRowWriter : IDisposable
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "Id", "Kind", "Key", "Title", "Summary", "StartDate", "EndDate", "Category", "EventType", "RecordedStatus",
        "Cancelled", "Url", "TitleKnown", "TimelineRow", "OrganisationType", "Abbreviation", "SeedTitle", "AdoptedOn",
        "ElementType", "Sources",
    ];

    /// <summary>Sets a column for the next row; every other column of the row must be set or cleared too.</summary>
    public abstract EntityRowWriter Set(string column, object? value);

    /// <summary>Clears every kind-specific column, so one kind's values never leak into the next row.</summary>
    public abstract EntityRowWriter Begin(int id, string kind, string key, string title, string? summary);

    public abstract void Write();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Writes relation rows the same way as <see cref="EntityRowWriter"/>; ids are left to the database.</summary>
public abstract class RelationRowWriter : IDisposable
{
    public static readonly IReadOnlyList<string> Columns = ["Type", "Role", "FromId", "ToId", "ValidFrom", "ValidTo", "Sources"];

    public int Written { get; protected set; }

    public abstract void Write(string type, int fromId, int toId, string? role = null);

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// Replaces the whole graph in one transaction through the provider's fastest path (prepared INSERTs on SQLite,
/// binary COPY on PostgreSQL): clears both tables, lets <c>writeEntities</c> and then <c>writeRelations</c>
/// write every row, and commits. Every row carries <c>sourcesJson</c> as its sources.
/// </summary>
public interface IBulkGraphLoader
{
    /// <returns>The number of relations written.</returns>
    Task<int> ReplaceAllAsync(
        string sourcesJson, Action<EntityRowWriter> writeEntities, Action<RelationRowWriter> writeRelations,
        IProgress<SyntheticGraphProgress>? progress, CancellationToken ct);
}
