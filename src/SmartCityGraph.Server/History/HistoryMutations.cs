using System.Globalization;
using GraphQL;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Ids;
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.Server.Editing;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.History;

/// <summary><c>revert</c> (admins): undoes one revision's change, itself recorded as a REVERT revision.</summary>
internal static class HistoryMutations
{
    public static void AddRevert(this ObjectGraphType mutation) =>
        mutation.AddConventionMutation("revert",
                "Brings the subject of a revision back to its state before that revision (admins): deletes what it created, restores what it deleted " +
                "(with the same id), undoes what it changed, including later changes to the same subject. Relations removed along with a deleted " +
                "entity are revisions of their own: revert them after the entity.",
                [
                    new FieldType { Name = "revision", Type = typeof(NonNullGraphType<IdGraphType>), Description = "The revision to undo." },
                    new FieldType { Name = "comment", Type = typeof(NonNullGraphType<StringGraphType>), Description = "Why; required." },
                ],
                "revision", typeof(RevisionGraphType), "The REVERT revision this recorded.",
                (ctx, input) =>
                {
                    var number = Number(input.Get<string>("revision"));
                    return ctx.WriteAsync(input, (session, ct) => session.RevertAsync(number, input.Get<string>("comment"), ct), revision => revision);
                })
            .AuthorizeWithRoles(EditorRoles.Administering);

    private static int Number(string? globalId)
    {
        var id = GlobalId.Parse(globalId, RevisionGraphType.TypeName);
        return int.TryParse(id.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new GraphQLRequestException(ErrorCodes.InvalidId, $"'{globalId}' is not a valid revision id.");
    }
}
