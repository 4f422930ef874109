using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// What every export reads: the entities and relations, streamed from the database without tracking
/// (one pass each, in id order, never held in memory as a whole, so the 1M-entity graph exports in
/// constant memory), and what every export says about itself (attribution, licence, data set version).
/// </summary>
public sealed class ExportData(SmartCityDbContext db, string dataSetVersion, DateOnly today, string idBase = ExportData.DefaultIdBase)
{
    /// <summary>Entity IRIs are this followed by the global id (JSON-LD <c>@id</c>).</summary>
    public const string DefaultIdBase = "urn:smartcitygraph:";

    /// <summary>
    /// The licence note: the data set has no licence of its own yet, so the note says what holds instead
    /// (nothing is claimed that the project has not decided).
    /// </summary>
    public const string LicenceNote =
        "Licence: no licence has been declared for this compilation yet. Each record summarises public sources in own words; " +
        "reuse them under the terms of the sources cited per record, and credit them and SmartCityGraph as in the attribution.";

    public string DataSetVersion { get; } = dataSetVersion;

    /// <summary>The day the derived event statuses refer to (Berlin time).</summary>
    public DateOnly Today { get; } = today;

    public string IdBase { get; } = idBase;

    public static string Attribution => Commands.ExportCommand.Attribution;

    /// <summary>How to cite the whole data set, e.g. in a README beside a CSV.</summary>
    public string Citation =>
        $"SmartCityGraph, knowledge graph of Berlin's Smart City strategy process, data set {DataSetVersion}.";

    /// <summary>The export data of a scope's database, with the configured <c>Export:IdBase</c>.</summary>
    public static ExportData Create(IServiceProvider scopedServices)
    {
        var db = scopedServices.GetRequiredService<SmartCityDbContext>();
        var dataSet = scopedServices.GetRequiredService<DataSet>();
        var today = scopedServices.GetRequiredService<BerlinCalendar>().Today;
        var idBase = scopedServices.GetRequiredService<IConfiguration>()["Export:IdBase"] is { Length: > 0 } configured ? configured : DefaultIdBase;
        return new ExportData(db, dataSet.Version, today, idBase);
    }

    /// <summary>Every entity, in id order.</summary>
    public IAsyncEnumerable<Entity> Entities() => db.Entities.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable();

    /// <summary>The entities of one kind, in id order.</summary>
    public IAsyncEnumerable<T> OfKind<T>() where T : Entity => db.Set<T>().AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable();

    /// <summary>Every relation with the global ids, kinds and titles of its ends (joined in SQL), in id order.</summary>
    public IAsyncEnumerable<ExportRelation> Relations() =>
        db.Relations.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new RelationRow(r, r.From.Kind, r.From.Key, r.From.Title, r.To.Kind, r.To.Key, r.To.Title))
            .AsAsyncEnumerable()
            .Select(row => new ExportRelation(row.Relation,
                new EntityRef(row.FromKind, row.FromKey, row.FromTitle), new EntityRef(row.ToKind, row.ToKey, row.ToTitle)));

    public Task<int> CountEntitiesAsync(CancellationToken ct) => db.Entities.CountAsync(ct);

    public Task<int> CountRelationsAsync(CancellationToken ct) => db.Relations.CountAsync(ct);

    /// <summary>The entity's IRI (JSON-LD <c>@id</c>).</summary>
    public string Iri(string globalId) => IdBase + globalId;

    private sealed record RelationRow(Relation Relation, NodeKind FromKind, string FromKey, string FromTitle, NodeKind ToKind, string ToKey, string ToTitle);
}

/// <summary>One end of a relation: enough to name it without loading the entity.</summary>
public sealed record EntityRef(NodeKind Kind, string Key, string Title)
{
    public string GlobalId => ExportText.GlobalId(Kind, Key);
}

public sealed record ExportRelation(Relation Relation, EntityRef From, EntityRef To)
{
    public string GlobalId => GraphQL.Ids.GlobalId.Encode(Relations.RelationGraphType.TypeName, Relation.Id.ToString(CultureInfo.InvariantCulture));
}

/// <summary>How values are written in every export: enum names as in the GraphQL schema, ISO dates, sources as text.</summary>
public static class ExportText
{
    public static string GlobalId(NodeKind kind, string key) => GraphQL.Ids.GlobalId.Encode(kind.ToString(), key);

    public static string GlobalId(this Entity entity) => GlobalId(entity.Kind, entity.Key);

    /// <summary>PublicAdministration → PUBLIC_ADMINISTRATION, as the GraphQL enums spell it.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());

    public static string? Name<T>(T? value) where T : struct, Enum => value is { } v ? Name(v) : null;

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"title &lt;url&gt;; title" — every source of a record on one line.</summary>
    public static string Sources(IEnumerable<Source> sources) =>
        string.Join("; ", sources.Select(s => string.IsNullOrWhiteSpace(s.Url) ? s.Title : $"{s.Title} <{s.Url}>"));
}
