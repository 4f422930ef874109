using System.Text;

namespace SmartCityGraph.Client.Sample;

/// <summary>A neighbourhood as Graphviz DOT (<c>dot -Tsvg</c>).</summary>
public static class DotRenderer
{
    public static string Render(Neighbourhood neighbourhood)
    {
        var text = new StringBuilder("digraph neighbourhood {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        foreach (var node in neighbourhood.Nodes)
        {
            var centre = node.Id == neighbourhood.Centre.Id ? ", penwidth=3" : string.Empty;
            text.Append("  ").Append(Quote(node.Id)).Append(" [label=").Append(Quote(node.Title + "\n" + node.Kind)).Append(centre).Append("];\n");
        }

        foreach (var edge in neighbourhood.Edges)
        {
            text.Append("  ").Append(Quote(edge.FromId)).Append(" -> ").Append(Quote(edge.ToId))
                .Append(" [label=").Append(Quote(MermaidRenderer.Label(edge))).Append("];\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
