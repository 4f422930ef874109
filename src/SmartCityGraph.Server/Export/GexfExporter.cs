using System.Globalization;
using System.Xml;

namespace SmartCityGraph.Server.Export;

/// <summary>
/// GEXF 1.3 (https://gexf.net), Gephi's own format: a static, directed graph whose nodes and edges carry
/// the <see cref="GraphFields"/> as declared attributes (class node / edge); node labels are titles,
/// edge labels relation types; the attribution, licence and data set version are in &lt;meta&gt;.
/// </summary>
public sealed class GexfExporter : IExporter
{
    private const string Ns = "http://gexf.net/1.3";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public string Format => "gexf";
    public string MediaType => "application/gexf+xml";
    public string FileExtension => "gexf";

    public async Task WriteAsync(Stream output, ExportData data, CancellationToken ct)
    {
        await using var xml = XmlExport.Create(output);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "gexf", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "xsi", null, Xsi);
        await xml.WriteAttributeStringAsync("xsi", "schemaLocation", Xsi, Ns + " http://gexf.net/1.3/gexf.xsd");
        await xml.WriteAttributeStringAsync(null, "version", null, "1.3");

        await xml.WriteStartElementAsync(null, "meta", Ns);
        await xml.WriteAttributeStringAsync(null, "lastmodifieddate", null, data.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await xml.WriteElementStringAsync(null, "creator", Ns, "SmartCityGraph");
        await xml.WriteElementStringAsync(null, "keywords", Ns, "Berlin, Smart City, strategy, participation, data set " + data.DataSetVersion);
        await xml.WriteElementStringAsync(null, "description", Ns, $"{data.Citation} {ExportData.Attribution} {ExportData.LicenceNote}");
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "graph", Ns);
        await xml.WriteAttributeStringAsync(null, "mode", null, "static");
        await xml.WriteAttributeStringAsync(null, "defaultedgetype", null, "directed");
        await AttributesAsync(xml, "node", GraphFields.Node.Select(f => (f.Name, f.Description)));
        await AttributesAsync(xml, "edge", GraphFields.Edge.Select(f => (f.Name, f.Description)));

        await xml.WriteStartElementAsync(null, "nodes", Ns);
        await foreach (var entity in data.Entities().WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "node", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, entity.GlobalId());
            await xml.WriteAttributeStringAsync(null, "label", null, XmlExport.Clean(entity.Title));
            await ValuesAsync(xml, GraphFields.Node.Select(f => (f.Name, f.Value(entity, data.Today))));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "edges", Ns);
        await foreach (var relation in data.Relations().WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "edge", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, relation.GlobalId);
            await xml.WriteAttributeStringAsync(null, "source", null, relation.From.GlobalId);
            await xml.WriteAttributeStringAsync(null, "target", null, relation.To.GlobalId);
            await xml.WriteAttributeStringAsync(null, "label", null, ExportText.Name(relation.Relation.Type));
            await ValuesAsync(xml, GraphFields.Edge.Select(f => (f.Name, f.Value(relation, data.Today))));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();

        await xml.WriteEndElementAsync(); // graph
        await xml.WriteEndElementAsync(); // gexf
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task AttributesAsync(XmlWriter xml, string @class, IEnumerable<(string Name, string Description)> fields)
    {
        await xml.WriteStartElementAsync(null, "attributes", Ns);
        await xml.WriteAttributeStringAsync(null, "class", null, @class);
        await xml.WriteAttributeStringAsync(null, "mode", null, "static");
        foreach (var (name, _) in fields)
        {
            await xml.WriteStartElementAsync(null, "attribute", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, name);
            await xml.WriteAttributeStringAsync(null, "title", null, name);
            await xml.WriteAttributeStringAsync(null, "type", null, "string");
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    /// <summary>The attvalues of one node or edge; absent values are left out.</summary>
    private static async Task ValuesAsync(XmlWriter xml, IEnumerable<(string Name, string? Value)> values)
    {
        await xml.WriteStartElementAsync(null, "attvalues", Ns);
        foreach (var (name, value) in values)
        {
            if (value is null) continue;
            await xml.WriteStartElementAsync(null, "attvalue", Ns);
            await xml.WriteAttributeStringAsync(null, "for", null, name);
            await xml.WriteAttributeStringAsync(null, "value", null, XmlExport.Clean(value));
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }
}
