using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.Server.History;
using SmartCityGraph.Server.Nodes;

namespace SmartCityGraph.Server.Live;

/// <summary>An event of <c>entityChanged</c>: the revision, and the entity as it is when the event is delivered.</summary>
public sealed class EntityChangeGraphType : ObjectGraphType<GraphChange>
{
    public EntityChangeGraphType()
    {
        Name = "EntityChange";
        Description = "An entity was created, updated, deleted, reverted or imported.";
        Field<NonNullGraphType<RevisionGraphType>>("revision")
            .Description("The revision that recorded the change: its `number` is what `since:` takes, its `after` the entity's fields as the change left them.")
            .Resolve(ctx => ctx.Source.Revision);
        Field<EntityInterface>("entity")
            .Description("The entity as it is when this event is delivered (a later change may already show); null once deleted.")
            .Resolve(ctx => ctx.Graph().EntityById(ctx.Source.Revision.SubjectRowId));
        Field<NonNullGraphType<RevisionActionGraphType>>("action").Resolve(ctx => ctx.Source.Revision.Action);
    }
}

/// <summary>An event of <c>relationChanged</c>: the revision, and the relation as it is when the event is delivered.</summary>
public sealed class RelationChangeGraphType : ObjectGraphType<GraphChange>
{
    public RelationChangeGraphType()
    {
        Name = "RelationChange";
        Description = "A relation was added, changed, removed, reverted or imported.";
        Field<NonNullGraphType<RevisionGraphType>>("revision")
            .Description("The revision that recorded the change: its `number` is what `since:` takes, its `after` the relation as the change left it.")
            .Resolve(ctx => ctx.Source.Revision);
        Field<Relations.RelationGraphType>("relation")
            .Description("The relation as it is when this event is delivered; null once removed.")
            .Resolve(ctx => ctx.Graph().RelationById(ctx.Source.Revision.SubjectRowId));
        Field<NonNullGraphType<RevisionActionGraphType>>("action").Resolve(ctx => ctx.Source.Revision.Action);
    }
}
