using System.Globalization;
using System.Text;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Data.Seeding;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.Server.Hosting;

namespace SmartCityGraph.Server.Nodes;

/// <summary>
/// The version of the data set this server answers from: <see cref="SeedVersion"/> of the configured seed
/// folder (the one an empty database is imported from), computed once.
/// </summary>
public sealed class DataSet(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly Lazy<string> _version = new(() => SeedVersion.Of(StoragePaths.SeedDirectory(configuration, environment)));

    public string Version => _version.Value;
}

/// <summary>Ready-to-paste citations of entities.</summary>
public static class Citation
{
    /// <summary>
    /// E.g. <c>"Smart Water" (Pilot). In: SmartCityGraph, knowledge graph of Berlin's Smart City strategy process,
    /// data set 1a2b3c4d5e6f, revision 42 of 2026-11-27T10:15:03.123456Z, id UGlsb3Q6c21hcnQtd2F0ZXI=. Source: Öffentlicher Wissensspeicher …,
    /// CityLAB Berlin (https://…), retrieved 2026-11-20.</c> The revision is the one that last changed the entity: <c>asOf</c> its time shows
    /// the entity exactly as cited. A row written outside the write path (a synthetic graph) has none and names none.
    /// </summary>
    public static string For(Entity entity, string dataSetVersion)
    {
        var text = new StringBuilder()
            .Append('"').Append(entity.Title).Append("\" (").Append(KindName(entity.Kind)).Append("). ")
            .Append("In: SmartCityGraph, knowledge graph of Berlin's Smart City strategy process, data set ").Append(dataSetVersion);
        if (entity.Revision > 0 && entity.RevisedAt is { } revisedAt)
            text.Append(", revision ").Append(entity.Revision.ToString(CultureInfo.InvariantCulture))
                .Append(" of ").Append(revisedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        text.Append(", id ").Append(GlobalId.Encode(entity.Kind.ToString(), entity.Key)).Append('.');
        if (entity.Sources.FirstOrDefault() is { } source)
        {
            text.Append(" Source: ").Append(source.Title);
            if (!string.IsNullOrWhiteSpace(source.Publisher)) text.Append(", ").Append(source.Publisher);
            if (!string.IsNullOrWhiteSpace(source.Url)) text.Append(" (").Append(source.Url).Append(')');
            if (source.RetrievedOn is { } retrieved)
                text.Append(", retrieved ").Append(retrieved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            text.Append('.');
        }
        return text.ToString();
    }

    /// <summary>StrategyElement → "Strategy element".</summary>
    private static string KindName(NodeKind kind)
    {
        var name = kind.ToString();
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
    }
}
