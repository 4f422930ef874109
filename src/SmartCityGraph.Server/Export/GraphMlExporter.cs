namespace SmartCityGraph.Server.Export;

/// <summary>
/// GraphML (http://graphml.graphdrawing.org) for Gephi, yEd, Cytoscape, networkx and igraph: every entity a
/// node (id = its global id), every relation a directed edge, the <see cref="GraphFields"/> as declared
/// keys, and the attribution, licence and data set version as graph data.
/// </summary>
public sealed class GraphMlExporter : IExporter
{
    private const string Ns = "http://graphml.graphdrawing.org/xmlns";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public string Format => "graphml";
    public string MediaType => "application/graphml+xml";
    public string FileExtension => "graphml";

    public async Task WriteAsync(Stream output, ExportData data, CancellationToken ct)
    {
        await using var xml = XmlExport.Create(output);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "graphml", Ns);
        await xml.WriteAttributeStringAsync("xmlns", "xsi", null, Xsi);
        await xml.WriteAttributeStringAsync("xsi", "schemaLocation", Xsi, Ns + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
        await xml.WriteElementStringAsync(null, "desc", Ns, $"{data.Citation} {ExportData.Attribution} {ExportData.LicenceNote}");

        await KeyAsync(xml, "graph", "g-attribution", "attribution", "who to credit");
        await KeyAsync(xml, "graph", "g-licence", "licence", "terms of reuse");
        await KeyAsync(xml, "graph", "g-dataSetVersion", "dataSetVersion", "version of the data set (hash of the seed)");
        await KeyAsync(xml, "node", "n-label", "label", "display label (Gephi's node label)");
        foreach (var field in GraphFields.Node) await KeyAsync(xml, "node", "n-" + field.Name, field.Name, field.Description);
        await KeyAsync(xml, "edge", "e-label", "label", "relation type (Gephi's edge label)");
        foreach (var field in GraphFields.Edge) await KeyAsync(xml, "edge", "e-" + field.Name, field.Name, field.Description);

        await xml.WriteStartElementAsync(null, "graph", Ns);
        await xml.WriteAttributeStringAsync(null, "id", null, "SmartCityGraph");
        await xml.WriteAttributeStringAsync(null, "edgedefault", null, "directed");
        await DataAsync(xml, "g-attribution", ExportData.Attribution);
        await DataAsync(xml, "g-licence", ExportData.LicenceNote);
        await DataAsync(xml, "g-dataSetVersion", data.DataSetVersion);

        await foreach (var entity in data.Entities().WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "node", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, entity.GlobalId());
            await DataAsync(xml, "n-label", entity.Title);
            foreach (var field in GraphFields.Node) await DataAsync(xml, "n-" + field.Name, field.Value(entity, data.Today));
            await xml.WriteEndElementAsync();
        }

        await foreach (var relation in data.Relations().WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "edge", Ns);
            await xml.WriteAttributeStringAsync(null, "id", null, relation.GlobalId);
            await xml.WriteAttributeStringAsync(null, "source", null, relation.From.GlobalId);
            await xml.WriteAttributeStringAsync(null, "target", null, relation.To.GlobalId);
            await DataAsync(xml, "e-label", ExportText.Name(relation.Relation.Type));
            foreach (var field in GraphFields.Edge) await DataAsync(xml, "e-" + field.Name, field.Value(relation, data.Today));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync(); // graph
        await xml.WriteEndElementAsync(); // graphml
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task KeyAsync(System.Xml.XmlWriter xml, string domain, string id, string name, string description)
    {
        await xml.WriteStartElementAsync(null, "key", Ns);
        await xml.WriteAttributeStringAsync(null, "id", null, id);
        await xml.WriteAttributeStringAsync(null, "for", null, domain);
        await xml.WriteAttributeStringAsync(null, "attr.name", null, name);
        await xml.WriteAttributeStringAsync(null, "attr.type", null, "string");
        await xml.WriteElementStringAsync(null, "desc", Ns, description);
        await xml.WriteEndElementAsync();
    }

    /// <summary>A data element; absent values are left out (GraphML's way of saying "no value").</summary>
    private static async Task DataAsync(System.Xml.XmlWriter xml, string key, string? value)
    {
        if (value is null) return;
        await xml.WriteStartElementAsync(null, "data", Ns);
        await xml.WriteAttributeStringAsync(null, "key", null, key);
        await xml.WriteStringAsync(XmlExport.Clean(value));
        await xml.WriteEndElementAsync();
    }
}
