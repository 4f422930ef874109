using System.Text.Json;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Data.Seeding;

/// <summary>The seed, read and checked: entities with their relations wired, ready to insert.</summary>
public sealed record SeedData(IReadOnlyList<Entity> Entities, IReadOnlyList<Relation> Relations);

/// <summary>
/// Reads the seed folder (see seed/README.md) into entities and relations. Every problem is
/// collected with its file, record and field; any problem fails the whole read. The rules an entity or relation
/// must keep are <see cref="GraphRules"/>, the same the editing mutations check.
/// </summary>
public static class SeedReader
{
    public static SeedData Read(string directory)
    {
        var problems = new List<SeedProblem>();
        var catalogue = ReadSources(directory, problems);
        var entities = new Dictionary<(NodeKind, string), Entity>();
        var pendingRelations = new List<(RecordReader Reader, Entity From, JsonElement Relation, int Index, List<Source> Fallback)>();

        foreach (var (file, kind) in SeedFiles.KindFiles)
        {
            foreach (var reader in Records(directory, file, "key", problems, required: false))
            {
                var entity = ReadEntity(reader, kind, catalogue);
                if (entity.Key.Length > 0 && !entities.TryAdd((kind, entity.Key), entity))
                    reader.Problem("key", $"duplicate key '{entity.Key}' in kind {kind}");
                foreach (var (relation, index) in reader.Array("relations"))
                    pendingRelations.Add((reader, entity, relation, index, entity.Sources));
            }
        }

        var relations = new List<Relation>();
        var seen = new HashSet<(Entity, RelationType, Entity, string?)>();
        foreach (var (owner, from, element, index, fallback) in pendingRelations)
        {
            var reader = owner.Nested($"relations[{index}]", element);
            var relation = ReadRelation(reader, from, entities, catalogue, fallback);
            if (relation is null) continue;
            if (!seen.Add((relation.From, relation.Type, relation.To, relation.Role)))
                reader.Problem("to", $"duplicate relation {relation.Type} to the same entity");
            else
                relations.Add(relation);
        }

        if (problems.Count > 0) throw new SeedValidationException(problems);
        return new SeedData([.. entities.Values], relations);
    }

    private static Dictionary<string, Source> ReadSources(string directory, List<SeedProblem> problems)
    {
        var catalogue = new Dictionary<string, Source>();
        foreach (var reader in Records(directory, SeedFiles.Sources, "id", problems, required: true))
        {
            var id = reader.RequiredString("id");
            var source = new Source
            {
                Title = reader.RequiredString("title"),
                Url = ReadUrl(reader, "url"),
                RetrievedOn = reader.OptionalDate("retrievedOn"),
                Publisher = reader.OptionalString("publisher"),
            };
            if (id.Length > 0 && !catalogue.TryAdd(id, source)) reader.Problem("id", $"duplicate source id '{id}'");
        }
        return catalogue;
    }

    private static Entity ReadEntity(RecordReader reader, NodeKind kind, Dictionary<string, Source> catalogue)
    {
        Entity entity = kind switch
        {
            NodeKind.Strategy => new Strategy
            {
                Key = "", Title = "",
                AdoptedOn = reader.OptionalDate("adoptedOn"),
                Url = reader.OptionalString("url"),
            },
            NodeKind.Phase => new Phase
            {
                Key = "", Title = "",
                StartDate = reader.OptionalDate("startDate"),
                EndDate = reader.OptionalDate("endDate"),
            },
            NodeKind.Event => new Event
            {
                Key = "", Title = "",
                StartDate = reader.RequiredDate("startDate"),
                EndDate = reader.OptionalDate("endDate"),
                Category = reader.RequiredEnum<EventCategory>("category"),
                Type = reader.OptionalEnum<EventType>("type"),
                RecordedStatus = reader.OptionalEnum<EventStatus>("recordedStatus"),
                Cancelled = reader.OptionalBool("cancelled", false),
                Url = reader.OptionalString("url"),
                TitleKnown = reader.OptionalBool("titleKnown", true),
                TimelineRow = reader.OptionalInt("timelineRow"),
            },
            NodeKind.Organisation => new Organisation
            {
                Key = "", Title = "",
                Type = reader.OptionalEnum<OrganisationType>("type"),
                Url = reader.OptionalString("url"),
                Abbreviation = reader.OptionalString("abbreviation"),
                Aliases = reader.StringList("aliases"),
            },
            NodeKind.Pilot => new Pilot
            {
                Key = "", Title = "",
                SeedTitle = reader.OptionalString("seedTitle"),
                StartDate = reader.OptionalDate("startDate"),
                EndDate = reader.OptionalDate("endDate"),
                Url = reader.OptionalString("url"),
            },
            NodeKind.StrategyElement => new StrategyElement
            {
                Key = "", Title = "",
                Type = reader.RequiredEnum<StrategyElementType>("type"),
            },
            NodeKind.ParticipationStrand => new ParticipationStrand { Key = "", Title = "" },
            NodeKind.Document => new Document { Key = "", Title = "", Url = ReadUrl(reader, "url") },
            NodeKind.Result => new Result { Key = "", Title = "", Type = reader.RequiredEnum<ResultType>("type") },
            NodeKind.Term => new Term { Key = "", Title = "", Definition = reader.OptionalString("definition") },
            NodeKind.Collection => new Collection
            {
                Key = "", Title = "",
                ContentKnown = reader.OptionalBool("contentKnown", false),
                Columns = reader.StringList("columns"),
            },
            NodeKind.Series => new Series
            {
                Key = "", Title = "",
                Type = reader.RequiredEnum<SeriesType>("type"),
                StartDate = reader.OptionalDate("startDate"),
                EndDate = reader.OptionalDate("endDate"),
                Size = reader.OptionalInt("size"),
                SizeQualifier = reader.OptionalEnum<SizeQualifier>("sizeQualifier"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no seed file for this kind"),
        };

        entity.Key = reader.RequiredString("key");
        entity.Title = reader.RequiredString("title"); // missing or empty: reported as read
        entity.TitleDe = reader.OptionalString("titleDe");
        entity.TitleEn = reader.OptionalString("titleEn");
        entity.Summary = reader.OptionalString("summary");
        entity.SummaryDe = reader.OptionalString("summaryDe");
        entity.Sources = ReadCitations(reader, catalogue, fallback: null);
        foreach (var violation in GraphRules.Entity(entity).Where(v => v.Field != "title"))
            reader.Problem(violation.Field, violation.Message);
        return entity;
    }

    private static Relation? ReadRelation(
        RecordReader reader, Entity from, Dictionary<(NodeKind, string), Entity> entities,
        Dictionary<string, Source> catalogue, List<Source> fallback)
    {
        var type = reader.RequiredEnum<RelationType>("type");
        var target = reader.RequiredString("to");
        Entity? to = null;
        if (target.Length > 0)
        {
            if (!SeedFiles.TryParseReference(target, out var kind, out var key))
                reader.Problem("to", $"'{target}' is not a reference of the form Kind:key (Kind one of {string.Join(", ", Enum.GetNames<NodeKind>())})");
            else if (!entities.TryGetValue((kind, key), out to))
                reader.Problem("to", $"'{target}' does not name an entity in the seed");
        }
        var relation = new Relation
        {
            Type = type,
            Role = reader.OptionalString("role"),
            ValidFrom = reader.OptionalDate("validFrom"),
            ValidTo = reader.OptionalDate("validTo"),
            Sources = ReadCitations(reader, catalogue, fallback),
        };
        if (to is null)
        {
            if (relation.ValidFrom is { } validFrom && relation.ValidTo is { } validTo && validTo < validFrom)
                reader.Problem("validTo", "is before validFrom");
            return null;
        }
        foreach (var violation in GraphRules.Relation(type, from, to, relation.ValidFrom, relation.ValidTo)
                     .Where(v => v.Field != "type" || reader.Has("type"))) // a missing type was reported as read
            reader.Problem(violation.Field, violation.Message);
        relation.From = from;
        relation.To = to;
        return relation;
    }

    /// <summary>Resolves <c>sources: [{ref, note}]</c> against the catalogue; relations may inherit their entity's.</summary>
    private static List<Source> ReadCitations(RecordReader reader, Dictionary<string, Source> catalogue, List<Source>? fallback)
    {
        var citations = new List<Source>();
        var cited = false;
        foreach (var (item, index) in reader.Array("sources"))
        {
            cited = true;
            var citation = reader.Nested($"sources[{index}]", item);
            var reference = citation.RequiredString("ref");
            if (reference.Length == 0) continue;
            if (!catalogue.TryGetValue(reference, out var source))
            {
                citation.Problem("ref", $"'{reference}' is not a source in {SeedFiles.Sources}");
                continue;
            }
            citations.Add(new Source
            {
                Title = source.Title, Url = source.Url, RetrievedOn = source.RetrievedOn, Publisher = source.Publisher,
                Note = citation.OptionalString("note"),
            });
        }
        if (citations.Count > 0) return citations;
        if (fallback is { Count: > 0 }) return fallback.Select(Copy).ToList();
        if (!cited) reader.Problem("sources", "at least one source is required"); // else each bad citation was reported
        return citations;
    }

    private static Source Copy(Source s) =>
        new() { Title = s.Title, Url = s.Url, RetrievedOn = s.RetrievedOn, Publisher = s.Publisher, Note = s.Note };

    private static string? ReadUrl(RecordReader reader, string field)
    {
        var url = reader.OptionalString(field);
        if (url is not null && !GraphRules.IsHttpUrl(url))
            reader.Problem(field, $"'{url}' is not an absolute http(s) URL");
        return url;
    }

    /// <summary>Yields a reader per record of <c>{ "records": [...] }</c>; malformed files become problems.</summary>
    private static IEnumerable<RecordReader> Records(string directory, string file, string idField, List<SeedProblem> problems, bool required)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            if (required) problems.Add(new SeedProblem(file, "-", "-", $"the file is missing from {directory}"));
            yield break;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problems.Add(new SeedProblem(file, "-", "-", $"not valid JSON (line {e.LineNumber + 1}): {e.Message}"));
            yield break;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("records", out var records)
                || records.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new SeedProblem(file, "-", "records", "the file must be an object with a 'records' array"));
                yield break;
            }
            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                var name = record.ValueKind == JsonValueKind.Object && record.TryGetProperty(idField, out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()!
                    : $"#{index + 1}";
                if (record.ValueKind != JsonValueKind.Object)
                    problems.Add(new SeedProblem(file, name, "-", "a record must be a JSON object"));
                else
                    yield return new RecordReader(file, name, record.Clone(), problems); // relations are read after the file closes
                index++;
            }
        }
    }
}
