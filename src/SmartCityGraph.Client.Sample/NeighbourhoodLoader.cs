namespace SmartCityGraph.Client.Sample;

/// <summary>Fetches an entity's relations through the generated client and turns them into a <see cref="Neighbourhood"/>.</summary>
public sealed class NeighbourhoodLoader(ISmartCityClient client)
{
    /// <summary>The neighbourhood of <paramref name="id"/>, or of the first pilot when no id is given.</summary>
    public async Task<Neighbourhood> LoadAsync(string? id, int first = 50, CancellationToken cancellationToken = default)
    {
        id ??= await FirstPilotIdAsync(cancellationToken);
        var result = await client.GetRelations.ExecuteAsync(id, Direction.Both, null, first, cancellationToken);
        var data = result.EnsureNoErrors();
        if (data.Node is not IGetRelations_Node_Entity entity)
        {
            throw new GraphQLClientException([new ClientError("There is no entity with the id '" + id + "'.", "NOT_FOUND")]);
        }

        var nodes = new Dictionary<string, GraphNode>();
        var centre = Add(nodes, entity.Id, entity.Kind, entity.Title);
        var edges = new List<GraphEdge>();
        foreach (var relation in entity.Relations.Nodes)
        {
            Add(nodes, relation.From);
            Add(nodes, relation.To);
            edges.Add(new GraphEdge(relation.From.Id, relation.To.Id, RelationTypeSerializer.Serialize(relation.Type), relation.Role));
        }

        return new Neighbourhood(centre, nodes.Values.ToList(), edges, entity.Relations.TotalCount);
    }

    private async Task<string> FirstPilotIdAsync(CancellationToken cancellationToken)
    {
        var pilots = (await client.GetPilots.ExecuteAsync(1, cancellationToken)).EnsureNoErrors();
        return pilots.Pilots?.Nodes.FirstOrDefault()?.Id
            ?? throw new GraphQLClientException([new ClientError("The server knows no pilot to start from; pass --id.", "NOT_FOUND")]);
    }

    /// <summary>Both ends of a relation select the EntityRef fragment, so both are an IEntityRef.</summary>
    private static GraphNode Add(Dictionary<string, GraphNode> nodes, IEntityRef entity) => Add(nodes, entity.Id, entity.Kind, entity.Title);

    private static GraphNode Add(Dictionary<string, GraphNode> nodes, string id, NodeKind kind, string title)
    {
        if (!nodes.TryGetValue(id, out var node))
        {
            node = new GraphNode(id, NodeKindSerializer.Serialize(kind), title);
            nodes[id] = node;
        }

        return node;
    }
}
