using GraphQL;
using SmartCityGraph.Data.Editing;
using SmartCityGraph.GraphQL.Mutations;
using SmartCityGraph.Server.SignIn;

namespace SmartCityGraph.Server.Editing;

/// <summary>Runs a mutation's change through the write path as the signed-in editor, and answers in the mutation conventions.</summary>
internal static class EditOutcomes
{
    /// <summary>
    /// Writes <paramref name="change"/> as the caller; the payload holds <paramref name="result"/> of its value, or the
    /// typed errors — a <see cref="NotFoundFailure"/> names the id the input gave in the field the problem names.
    /// </summary>
    public static async Task<MutationPayload> WriteAsync<T>(
        this IResolveFieldContext context, IDictionary<string, object?> input, Func<EditSession, CancellationToken, Task<T>> change, Func<T, object?> result)
    {
        var writer = context.RequestServices!.GetRequiredService<GraphWriter>();
        var outcome = await writer.WriteAsync(EditorRoles.Actor(context.User), change, context.CancellationToken);
        return outcome.Succeeded
            ? MutationPayload.Success(result(outcome.Value!))
            : MutationPayload.Failure([.. outcome.Problems.Select(problem => ToError(problem, input))]);
    }

    private static MutationError ToError(EditProblem problem, IDictionary<string, object?> input) => problem switch
    {
        ValidationProblem v => new ValidationFailure(v.Message, v.Field),
        NotFoundProblem n => new NotFoundFailure(n.Message, input.TryGetValue(n.Field, out var id) ? id?.ToString() ?? "" : ""),
        ConflictProblem c => new ConflictFailure(c.Message, c.CurrentVersion),
        _ => throw new InvalidOperationException($"Unknown problem {problem.GetType().Name}"),
    };
}
