using System.Text.Encodings.Web;
using System.Text.Json;
using SmartCityGraph.Data.Model;
using Event = SmartCityGraph.Data.Model.Event;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// <c>jsonld</c>: JSON-LD with schema.org types in one <c>@graph</c> — a <c>Dataset</c> node (version,
/// attribution, licence note), then every entity (Event, Organization, Project for pilots, CreativeWork for
/// strategies and results, DefinedTerm for strategy elements and terms, DigitalDocument, Collection, EventSeries,
/// Thing for phases and participation strands; titles and summaries in a second language as language-tagged
/// <c>alternateName</c> and <c>description</c> values) with its
/// sources as <c>citation</c>, then every relation as a schema.org <c>Role</c> on the entity it describes
/// (an event's <c>organizer</c>, a pilot's <c>funder</c>/<c>member</c>, <c>isPartOf</c>, <c>memberOf</c>, else
/// an <c>scg:</c> term), carrying its type, role and sources. Nodes with the same <c>@id</c> merge, as JSON-LD
/// defines, so the relations can follow the entities and the whole graph streams in one pass each.
/// </summary>
public sealed class JsonLdExporter : IExporter
{
    public const string Vocabulary = "urn:smartcitygraph:vocab:";
    private const string Schema = "https://schema.org/";

    public string Format => "jsonld";
    public string MediaType => "application/ld+json";
    public string FileExtension => "jsonld";

    public async Task WriteAsync(Stream output, ExportData data, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("@context");
        json.WriteString("@vocab", Schema);
        json.WriteString("scg", Vocabulary);
        json.WriteEndObject();
        json.WriteStartArray("@graph");
        WriteDataSet(json, data);

        await foreach (var entity in data.Entities().WithCancellation(ct))
        {
            WriteEntity(json, entity, data);
            if (json.BytesPending > 1 << 16) await json.FlushAsync(ct);
        }
        await foreach (var relation in data.Relations().WithCancellation(ct))
        {
            WriteRelation(json, relation, data);
            if (json.BytesPending > 1 << 16) await json.FlushAsync(ct);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    public static string TypeOf(NodeKind kind) => kind switch
    {
        NodeKind.Event => "Event",
        NodeKind.Organisation => "Organization",
        NodeKind.Pilot => "Project",
        NodeKind.Strategy => "CreativeWork",
        NodeKind.StrategyElement => "DefinedTerm",
        NodeKind.Document => "DigitalDocument",
        NodeKind.Result => "CreativeWork",
        NodeKind.Term => "DefinedTerm",
        NodeKind.Collection => "Collection",
        NodeKind.Series => "EventSeries",
        _ => "Thing",
    };

    private static void WriteDataSet(Utf8JsonWriter json, ExportData data)
    {
        json.WriteStartObject();
        json.WriteString("@id", data.IdBase + "dataset");
        json.WriteString("@type", "Dataset");
        json.WriteString("name", "SmartCityGraph");
        json.WriteString("description",
            "Knowledge graph of Berlin's Smart City strategy process (2020–2022): strategies, phases, participation events, organisations and pilot projects, each fact with its source.");
        json.WriteString("version", data.DataSetVersion);
        json.WriteString("citation", data.Citation);
        json.WriteString("creditText", ExportData.Attribution);
        json.WriteString("conditionsOfAccess", ExportData.LicenceNote);
        json.WriteString("inLanguage", "de");
        json.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter json, Entity entity, ExportData data)
    {
        var id = entity.GlobalId();
        json.WriteStartObject();
        json.WriteString("@id", data.Iri(id));
        json.WriteString("@type", TypeOf(entity.Kind));
        json.WriteString("identifier", id);
        json.WriteString("scg:kind", ExportText.Name(entity.Kind));
        json.WriteString("name", entity.Title);
        WriteDescription(json, entity);
        WriteAlternateNames(json, entity);
        switch (entity)
        {
            case Event e:
                json.WriteString("startDate", ExportText.Date(e.StartDate));
                json.WriteString("endDate", ExportText.Date(e.EndDate ?? e.StartDate));
                json.WriteString("eventStatus", Schema + (e.Cancelled ? "EventCancelled" : "EventScheduled"));
                json.WriteString("scg:status", ExportText.Name(e.StatusOn(data.Today)));
                Optional(json, "scg:recordedStatus", ExportText.Name(e.RecordedStatus));
                json.WriteString("scg:category", ExportText.Name(e.Category));
                Optional(json, "scg:eventType", ExportText.Name(e.Type));
                Optional(json, "url", e.Url);
                break;
            case Organisation o:
                Optional(json, "scg:organisationType", ExportText.Name(o.Type));
                Optional(json, "url", o.Url);
                break;
            case Pilot p:
                Optional(json, "scg:startDate", ExportText.Date(p.StartDate));
                Optional(json, "scg:endDate", ExportText.Date(p.EndDate));
                Optional(json, "url", p.Url);
                break;
            case Strategy s:
                Optional(json, "scg:adoptedOn", ExportText.Date(s.AdoptedOn));
                Optional(json, "url", s.Url);
                break;
            case Phase p:
                Optional(json, "scg:startDate", ExportText.Date(p.StartDate));
                Optional(json, "scg:endDate", ExportText.Date(p.EndDate));
                break;
            case StrategyElement s:
                json.WriteString("scg:elementType", ExportText.Name(s.Type));
                break;
            case Document d:
                Optional(json, "url", d.Url);
                break;
            case Result r:
                json.WriteString("scg:resultType", ExportText.Name(r.Type));
                break;
            case Term t when t.Definition is not null:
                Tagged(json, "scg:definition", t.Definition, "de");
                break;
            case Collection c:
                json.WriteBoolean("scg:contentKnown", c.ContentKnown);
                if (c.Columns.Count > 0)
                {
                    json.WriteStartArray("scg:columns");
                    foreach (var column in c.Columns) json.WriteStringValue(column);
                    json.WriteEndArray();
                }
                break;
            case Series s:
                json.WriteString("scg:seriesType", ExportText.Name(s.Type));
                Optional(json, "startDate", ExportText.Date(s.StartDate));
                Optional(json, "endDate", ExportText.Date(s.EndDate));
                if (s.Size is { } size) json.WriteNumber("scg:size", size);
                Optional(json, "scg:sizeQualifier", ExportText.Name(s.SizeQualifier));
                break;
        }
        WriteSources(json, entity.Sources);
        json.WriteEndObject();
    }

    /// <summary>
    /// Which schema.org property a relation becomes, and whether it sits on its "to" end: the type's declared
    /// <see cref="LinkedDataTerm"/>, else an <c>scg:</c> term named after the type.
    /// </summary>
    public static (string Property, bool OnTarget) PropertyOf(RelationType type) =>
        RelationVocabulary.Of(type).LinkedData is { } term
            ? (term.Property, term.OnTarget)
            : ("scg:" + JsonNamingPolicy.CamelCase.ConvertName(type.ToString()), false);

    private static void WriteRelation(Utf8JsonWriter json, ExportRelation relation, ExportData data)
    {
        var (property, onTarget) = PropertyOf(relation.Relation.Type);
        var (subject, value) = onTarget ? (relation.To, relation.From) : (relation.From, relation.To);
        json.WriteStartObject();
        json.WriteString("@id", data.Iri(subject.GlobalId));
        // schema.org's Role pattern: the property's value is a Role that holds the same property with the real value.
        json.WriteStartObject(property);
        json.WriteString("@type", "Role");
        json.WriteString("identifier", relation.GlobalId);
        json.WriteString("scg:relationType", ExportText.Name(relation.Relation.Type));
        Optional(json, "roleName", relation.Relation.Role);
        Optional(json, "startDate", ExportText.Date(relation.Relation.ValidFrom));
        Optional(json, "endDate", ExportText.Date(relation.Relation.ValidTo));
        json.WriteStartObject(property);
        json.WriteString("@id", data.Iri(value.GlobalId));
        json.WriteEndObject();
        WriteSources(json, relation.Relation.Sources);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSources(Utf8JsonWriter json, IEnumerable<Source> sources)
    {
        json.WriteStartArray("citation");
        foreach (var source in sources)
        {
            json.WriteStartObject();
            json.WriteString("@type", "CreativeWork");
            json.WriteString("name", source.Title);
            Optional(json, "url", source.Url);
            if (!string.IsNullOrWhiteSpace(source.Publisher))
            {
                json.WriteStartObject("publisher");
                json.WriteString("@type", "Organization");
                json.WriteString("name", source.Publisher);
                json.WriteEndObject();
            }
            Optional(json, "scg:retrievedOn", ExportText.Date(source.RetrievedOn));
            Optional(json, "scg:note", source.Note);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Other names: an abbreviation, aliases, a pilot's seed title as plain strings, a title in the other language
    /// language-tagged; one value stays a plain value, several become an array.
    /// </summary>
    private static void WriteAlternateNames(Utf8JsonWriter json, Entity entity)
    {
        var plain = entity switch
        {
            Organisation o => new[] { o.Abbreviation }.Concat(o.Aliases),
            Pilot p => [p.SeedTitle],
            _ => [],
        };
        var names = plain.OfType<string>().Select(n => (Text: n, Language: (string?)null))
            .Concat(new[] { (Text: entity.TitleDe, Language: (string?)"de"), (Text: entity.TitleEn, Language: (string?)"en") }
                .Where(t => t.Text is not null).Select(t => (Text: t.Text!, t.Language)))
            .ToList();
        if (names.Count == 0) return;
        json.WritePropertyName("alternateName");
        if (names.Count > 1) json.WriteStartArray();
        foreach (var (text, language) in names)
        {
            if (language is null) json.WriteStringValue(text);
            else TaggedValue(json, text, language);
        }
        if (names.Count > 1) json.WriteEndArray();
    }

    /// <summary>The English summary; with a German one too, both language-tagged.</summary>
    private static void WriteDescription(Utf8JsonWriter json, Entity entity)
    {
        if (entity.SummaryDe is null)
        {
            Optional(json, "description", entity.Summary);
            return;
        }
        json.WriteStartArray("description");
        if (entity.Summary is not null) TaggedValue(json, entity.Summary, "en");
        TaggedValue(json, entity.SummaryDe, "de");
        json.WriteEndArray();
    }

    private static void Tagged(Utf8JsonWriter json, string name, string text, string language)
    {
        json.WritePropertyName(name);
        TaggedValue(json, text, language);
    }

    private static void TaggedValue(Utf8JsonWriter json, string text, string language)
    {
        json.WriteStartObject();
        json.WriteString("@value", text);
        json.WriteString("@language", language);
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) json.WriteString(name, value);
    }
}
