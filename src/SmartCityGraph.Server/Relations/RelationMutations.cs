using System.Globalization;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.Nodes;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Relations;

/// <summary><c>addRelation</c>, <c>updateRelation</c>, <c>removeRelation</c> (editors): relations only between the kinds their type connects.</summary>
internal static class RelationMutations
{
    private static readonly string[] EntityTypeNames = Enum.GetNames<NodeKind>();

    public static void AddRelationMutations(this ObjectGraphType mutation)
    {
        mutation.AddConventionMutation("addRelation",
                "Links two entities (editors): `from` TYPE `to`, e.g. an organisation ORGANISES an event; each type only between the kinds it connects (see RelationType).",
                [
                    new FieldType { Name = "type", Type = typeof(NonNullGraphType<RelationTypeGraphType>) },
                    new FieldType { Name = "from", Type = typeof(NonNullGraphType<IdGraphType>) },
                    new FieldType { Name = "to", Type = typeof(NonNullGraphType<IdGraphType>) },
                    new FieldType { Name = "role", Type = typeof(StringGraphType), Description = "The part `from` plays, where the source names one." },
                    new FieldType { Name = "validFrom", Type = typeof(CalendarDateGraphType) },
                    new FieldType { Name = "validTo", Type = typeof(CalendarDateGraphType) },
                    .. EntityEditingFields.Change(),
                ],
                "relation", typeof(RelationGraphType), "The new relation, at version 1.",
                (ctx, input) =>
                {
                    var from = Entity(input.Get<string>("from"));
                    var to = Entity(input.Get<string>("to"));
                    return ctx.WriteAsync(input, (session, ct) => session.AddRelationAsync(input.Get<RelationType>("type"), from, to,
                            input.Get<string>("role"), input.Get<DateOnly?>("validFrom"), input.Get<DateOnly?>("validTo"),
                            SourceInputGraphType.From(input), input.Get<string>("comment"), ct),
                        relation => relation);
                })
            .AuthorizeWithRoles(EditorRoles.Editing);

        mutation.AddConventionMutation("updateRelation",
                "Changes a relation's role or validity read at `expectedVersion` (editors); its type and ends never change — remove it and add another.",
                [
                    new FieldType { Name = "id", Type = typeof(NonNullGraphType<IdGraphType>) },
                    new FieldType { Name = "expectedVersion", Type = typeof(NonNullGraphType<IntGraphType>), Description = "The version you read." },
                    new FieldType { Name = "role", Type = typeof(StringGraphType), Description = "Left out: unchanged; null: cleared." },
                    new FieldType { Name = "validFrom", Type = typeof(CalendarDateGraphType), Description = "Left out: unchanged; null: cleared." },
                    new FieldType { Name = "validTo", Type = typeof(CalendarDateGraphType), Description = "Left out: unchanged; null: cleared." },
                    .. EntityEditingFields.Change(),
                ],
                "relation", typeof(RelationGraphType), "The relation after the change, one version later.",
                (ctx, input) =>
                {
                    var id = Relation(input.Get<string>("id"));
                    return ctx.WriteAsync(input, (session, ct) => session.UpdateRelationAsync(id, input.Get<int>("expectedVersion"), relation =>
                        {
                            if (input.Has("role")) relation.Role = input.Get<string>("role");
                            if (input.Has("validFrom")) relation.ValidFrom = input.Get<DateOnly?>("validFrom");
                            if (input.Has("validTo")) relation.ValidTo = input.Get<DateOnly?>("validTo");
                        }, SourceInputGraphType.From(input), input.Get<string>("comment"), ct),
                        relation => relation);
                })
            .AuthorizeWithRoles(EditorRoles.Editing);

        mutation.AddConventionMutation("removeRelation",
                "Removes a relation read at `expectedVersion` (editors); recorded as a revision, so `revert` can bring it back.",
                [
                    new FieldType { Name = "id", Type = typeof(NonNullGraphType<IdGraphType>) },
                    new FieldType { Name = "expectedVersion", Type = typeof(NonNullGraphType<IntGraphType>), Description = "The version you read." },
                    new FieldType { Name = "comment", Type = typeof(NonNullGraphType<StringGraphType>), Description = "Why; required." },
                ],
                "removedId", typeof(IdGraphType), "The id of the removed relation.",
                (ctx, input) =>
                {
                    var id = Relation(input.Get<string>("id"));
                    return ctx.WriteAsync(input, async (session, ct) =>
                    {
                        await session.RemoveRelationAsync(id, input.Get<int>("expectedVersion"), input.Get<string>("comment"), ct);
                        return input.Get<string>("id");
                    }, removed => removed);
                })
            .AuthorizeWithRoles(EditorRoles.Editing);
    }

    private static (NodeKind, string) Entity(string? globalId)
    {
        var id = GlobalId.Parse(globalId, EntityTypeNames);
        return (Enum.Parse<NodeKind>(id.TypeName), id.Key);
    }

    /// <summary>The relation's surrogate id from its global id; anything else is an INVALID_ID error.</summary>
    public static int Relation(string? globalId)
    {
        var id = GlobalId.Parse(globalId, RelationGraphType.TypeName);
        return int.TryParse(id.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new GraphQLRequestException(ErrorCodes.InvalidId, $"'{globalId}' is not a valid relation id.");
    }
}
