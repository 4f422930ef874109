namespace SmartCityGraph.Client.Sample;

internal enum GraphFormat
{
    Mermaid,
    Dot,
}

/// <summary>The sample's command line.</summary>
internal sealed record SampleOptions(Uri Endpoint, string? Id, GraphFormat Format, int First)
{
    public const string Usage =
        "usage: SmartCityGraph.Client.Sample [--url http://127.0.0.1:5000] [--id <global id>] [--format mermaid|dot] [--first 50]";

    public static SampleOptions? Parse(IReadOnlyList<string> args)
    {
        var url = "http://127.0.0.1:5000";
        string? id = null;
        var format = GraphFormat.Mermaid;
        var first = 50;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--url" when value is not null: url = value; i++; break;
                case "--id" when value is not null: id = value; i++; break;
                case "--format" when value is not null && Enum.TryParse<GraphFormat>(value, ignoreCase: true, out var parsed): format = parsed; i++; break;
                case "--first" when value is not null && int.TryParse(value, out var count) && count > 0: first = count; i++; break;
                default: return null;
            }
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? new SampleOptions(GraphQLEndpoint(uri), id, format, first) : null;
    }

    /// <summary>The server's root URL or its /graphql endpoint: either is accepted.</summary>
    private static Uri GraphQLEndpoint(Uri url) =>
        url.AbsolutePath.TrimEnd('/').Length == 0 ? new Uri(url, "/graphql") : url;
}
