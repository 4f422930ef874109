namespace SmartCityGraph.Client.Sample;

/// <summary>An entity, its neighbours and the relations between them: what the renderers draw.</summary>
public sealed record Neighbourhood(GraphNode Centre, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, int TotalRelations);

/// <summary>An entity as drawn: its id, kind and title.</summary>
public sealed record GraphNode(string Id, string Kind, string Title);

/// <summary>A relation as drawn, read from → to, labelled with its type (and role).</summary>
public sealed record GraphEdge(string FromId, string ToId, string Type, string? Role);
