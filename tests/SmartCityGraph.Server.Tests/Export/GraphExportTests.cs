using System.Xml.Linq;

namespace SmartCityGraph.Server.Tests.Export;

/// <summary>GraphML and GEXF: well-formed XML that holds every entity and relation with declared attributes (what Gephi needs).</summary>
public abstract class GraphExportTests(ExportFixture fixture)
{
    private static readonly XNamespace GraphMl = "http://graphml.graphdrawing.org/xmlns";
    private static readonly XNamespace Gexf = "http://gexf.net/1.3";

    [SkippableFact]
    public async Task GraphML_holds_every_node_and_edge_with_declared_keys()
    {
        var response = await fixture.GetAsync("/export/kb.graphml", "application/graphml+xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = xml.Root!;
        Assert.Equal(GraphMl + "graphml", root.Name);
        var keys = root.Elements(GraphMl + "key").ToDictionary(k => (string)k.Attribute("id")!, k => ((string)k.Attribute("for")!, (string)k.Attribute("attr.name")!));
        foreach (var name in new[] { "kind", "title", "startDate", "endDate", "type", "url", "sources" })
            Assert.Contains(("node", name), keys.Values);
        foreach (var name in new[] { "type", "role", "sources" })
            Assert.Contains(("edge", name), keys.Values);

        var graph = root.Element(GraphMl + "graph")!;
        Assert.Equal("directed", (string)graph.Attribute("edgedefault")!);
        var nodes = graph.Elements(GraphMl + "node").ToList();
        var edges = graph.Elements(GraphMl + "edge").ToList();
        Assert.Equal(fixture.Entities, nodes.Count);
        Assert.Equal(fixture.Relations, edges.Count);

        var ids = nodes.Select(n => (string)n.Attribute("id")!).ToHashSet();
        Assert.Equal(nodes.Count, ids.Count);
        Assert.All(edges, e => Assert.True(ids.Contains((string)e.Attribute("source")!) && ids.Contains((string)e.Attribute("target")!)));
        // Every data element names a key declared for its element kind.
        Assert.All(nodes.Elements(GraphMl + "data"), d => Assert.Equal("node", keys[(string)d.Attribute("key")!].Item1));
        Assert.All(edges.Elements(GraphMl + "data"), d => Assert.Equal("edge", keys[(string)d.Attribute("key")!].Item1));
        // Every node and edge carries its sources; the graph its attribution.
        Assert.All(nodes, n => Assert.Contains(n.Elements(GraphMl + "data"), d => keys[(string)d.Attribute("key")!].Item2 == "sources" && d.Value.Length > 0));
        Assert.All(edges, e => Assert.Contains(e.Elements(GraphMl + "data"), d => keys[(string)d.Attribute("key")!].Item2 == "sources" && d.Value.Length > 0));
        Assert.Contains(graph.Elements(GraphMl + "data"), d => d.Value.StartsWith("Data: SmartCityGraph", StringComparison.Ordinal));

        var smartWater = nodes.Single(n => (string)n.Attribute("id")! == "UGlsb3Q6c21hcnQtd2F0ZXI=");
        Assert.Equal("PILOT", Data(smartWater, keys, "kind"));
        Assert.Equal("Smart Water", Data(smartWater, keys, "title"));
    }

    [SkippableFact]
    public async Task GEXF_holds_every_node_and_edge_with_declared_attributes()
    {
        var response = await fixture.GetAsync("/export/kb.gexf", "application/gexf+xml");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var root = xml.Root!;
        Assert.Equal(Gexf + "gexf", root.Name);
        Assert.Equal("1.3", (string)root.Attribute("version")!);
        Assert.Contains("Data: SmartCityGraph", root.Element(Gexf + "meta")!.Element(Gexf + "description")!.Value);
        var graph = root.Element(Gexf + "graph")!;
        Assert.Equal("static", (string)graph.Attribute("mode")!);
        var declared = graph.Elements(Gexf + "attributes").ToDictionary(
            a => (string)a.Attribute("class")!, a => a.Elements(Gexf + "attribute").Select(x => (string)x.Attribute("id")!).ToHashSet());
        Assert.All(new[] { "kind", "title", "startDate", "endDate", "type", "url", "sources" }, name => Assert.Contains(name, declared["node"]));
        Assert.All(new[] { "type", "role", "sources" }, name => Assert.Contains(name, declared["edge"]));

        var nodes = graph.Element(Gexf + "nodes")!.Elements(Gexf + "node").ToList();
        var edges = graph.Element(Gexf + "edges")!.Elements(Gexf + "edge").ToList();
        Assert.Equal(fixture.Entities, nodes.Count);
        Assert.Equal(fixture.Relations, edges.Count);
        var ids = nodes.Select(n => (string)n.Attribute("id")!).ToHashSet();
        Assert.All(edges, e => Assert.True(ids.Contains((string)e.Attribute("source")!) && ids.Contains((string)e.Attribute("target")!)));
        Assert.All(nodes.Descendants(Gexf + "attvalue"), v => Assert.Contains((string)v.Attribute("for")!, declared["node"]));
        Assert.All(edges.Descendants(Gexf + "attvalue"), v => Assert.Contains((string)v.Attribute("for")!, declared["edge"]));
        Assert.All(edges, e => Assert.Contains(e.Descendants(Gexf + "attvalue"), v => (string)v.Attribute("for")! == "type"));
        Assert.All(nodes, n => Assert.False(string.IsNullOrEmpty((string?)n.Attribute("label"))));
    }

    private static string? Data(XElement node, Dictionary<string, (string For, string Name)> keys, string name) =>
        node.Elements(GraphMl + "data").SingleOrDefault(d => keys[(string)d.Attribute("key")!].Name == name)?.Value;
}

public sealed class GraphExportTestsOnSqlite(SqliteExportFixture fixture) : GraphExportTests(fixture), IClassFixture<SqliteExportFixture>;

public sealed class GraphExportTestsOnPostgres(PostgresExportFixture fixture) : GraphExportTests(fixture), IClassFixture<PostgresExportFixture>;
