using GraphQL;
using GraphQL.Types;
using SmartCityGraph.Data.Model;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Editing;

/// <summary>The mutations of every kind, from its <see cref="EntityEditing{TEntity}"/> declaration, and the one delete for all kinds.</summary>
internal static class EntityMutations
{
    private static readonly string[] EntityTypeNames = Enum.GetNames<NodeKind>();

    /// <summary><c>createX</c> and <c>updateX</c> for one kind (editors and admins).</summary>
    public static void AddEntityMutations<TEntity>(this ObjectGraphType mutation, EntityEditing<TEntity> kind) where TEntity : Entity
    {
        mutation.AddConventionMutation($"create{kind.TypeName}",
                $"Adds {Article(kind.TypeName)} {kind.TypeName} (editors). Its key, and so its id, is made from its title and never changes; the sources become its sources.",
                kind.CreateFields(), kind.ResultName, kind.GraphType, $"The new {kind.TypeName}, at version 1.",
                (ctx, input) => ctx.WriteAsync(input,
                    (session, ct) => session.CreateAsync(kind.Draft(input), SourceInputGraphType.From(input), input.Get<string>("comment"), ct),
                    entity => entity))
            .AuthorizeWithRoles(EditorRoles.Editing);

        mutation.AddConventionMutation($"update{kind.TypeName}",
                $"Changes the fields given of {Article(kind.TypeName)} {kind.TypeName} read at `expectedVersion` (editors); the sources join its sources.",
                kind.UpdateFields(), kind.ResultName, kind.GraphType, $"The {kind.TypeName} after the change, one version later.",
                (ctx, input) =>
                {
                    var id = GlobalId.Parse(input.Get<string>("id"), kind.TypeName);
                    return ctx.WriteAsync(input,
                        (session, ct) => session.UpdateAsync(kind.Kind, id.Key, input.Get<int>("expectedVersion"), entity => kind.Apply(input, entity),
                            SourceInputGraphType.From(input), input.Get<string>("comment"), ct),
                        entity => entity);
                })
            .AuthorizeWithRoles(EditorRoles.Editing);
    }

    private static string Article(string word) => "AEIOU".Contains(word[0]) ? "an" : "a";

    /// <summary><c>deleteEntity</c> (admins): any kind, with every relation touching it.</summary>
    public static void AddDeleteEntity(this ObjectGraphType mutation) =>
        mutation.AddConventionMutation("deleteEntity",
                "Deletes an entity read at `expectedVersion` and every relation touching it (admins); each is recorded as a revision, so `revert` can bring it back.",
                [
                    new FieldType { Name = "id", Type = typeof(NonNullGraphType<IdGraphType>) },
                    new FieldType { Name = "expectedVersion", Type = typeof(NonNullGraphType<IntGraphType>), Description = "The version you read." },
                    new FieldType { Name = "comment", Type = typeof(NonNullGraphType<StringGraphType>), Description = "Why; required." },
                ],
                "deletedId", typeof(IdGraphType), "The id of the deleted entity.",
                (ctx, input) =>
                {
                    var id = GlobalId.Parse(input.Get<string>("id"), EntityTypeNames);
                    return ctx.WriteAsync(input, async (session, ct) =>
                    {
                        await session.DeleteAsync(Enum.Parse<NodeKind>(id.TypeName), id.Key, input.Get<int>("expectedVersion"), input.Get<string>("comment"), ct);
                        return id.ToString();
                    }, deleted => deleted);
                })
            .AuthorizeWithRoles(EditorRoles.Administering);
}
