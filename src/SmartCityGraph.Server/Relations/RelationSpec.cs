using SmartCityGraph.Data.Model;

namespace SmartCityGraph.Server.Relations;

public enum Direction { Out, In, Both }

/// <summary>
/// Which neighbours a relation field walks to: along which relation types, in which direction and
/// to which kind. "An event's organisers" is <c>In, [Organises, Hosts], Organisation</c>.
/// </summary>
public sealed record RelationSpec(Direction Direction, IReadOnlyList<RelationType> Types, NodeKind? TargetKind)
{
    public static RelationSpec Out(NodeKind kind, params RelationType[] types) => new(Direction.Out, types, kind);
    public static RelationSpec In(NodeKind kind, params RelationType[] types) => new(Direction.In, types, kind);

    /// <summary>A stable text naming this spec, so every parent asking for it shares one loader.</summary>
    public string Name => $"{Direction}|{string.Join(",", Types)}|{TargetKind}";
}
