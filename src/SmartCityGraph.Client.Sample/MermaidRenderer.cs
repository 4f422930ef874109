using System.Text;

namespace SmartCityGraph.Client.Sample;

/// <summary>A neighbourhood as a Mermaid flowchart (renders on GitHub, in Markdown and in mermaid.live).</summary>
public static class MermaidRenderer
{
    public static string Render(Neighbourhood neighbourhood)
    {
        var ids = ShortIds(neighbourhood);
        var text = new StringBuilder("flowchart LR\n");
        foreach (var node in neighbourhood.Nodes)
        {
            text.Append("  ").Append(ids[node.Id]).Append("[\"").Append(Escape(node.Title)).Append("<br/><small>").Append(node.Kind).Append("</small>\"]\n");
        }

        foreach (var edge in neighbourhood.Edges)
        {
            text.Append("  ").Append(ids[edge.FromId]).Append(" -->|").Append(Escape(Label(edge))).Append("| ").Append(ids[edge.ToId]).Append('\n');
        }

        text.Append("  style ").Append(ids[neighbourhood.Centre.Id]).Append(" stroke-width:3px\n");
        return text.ToString();
    }

    internal static string Label(GraphEdge edge) => edge.Role is { Length: > 0 } role ? edge.Type + " (" + role + ")" : edge.Type;

    /// <summary>Mermaid ids must be simple words; global ids are base64.</summary>
    private static Dictionary<string, string> ShortIds(Neighbourhood neighbourhood) =>
        neighbourhood.Nodes.Select((node, index) => (node.Id, Short: "n" + index)).ToDictionary(n => n.Id, n => n.Short);

    private static string Escape(string text) => text.Replace("\"", "#quot;").Replace("|", "#124;");
}
