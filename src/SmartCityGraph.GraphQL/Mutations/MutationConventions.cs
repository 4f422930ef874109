using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Mutations;

/// <summary>
/// HotChocolate's mutation conventions on GraphQL.NET: <c>name(input: NameInput!): NamePayload!</c>, where the
/// payload holds the result under <c>resultName</c> and <c>errors: [NameError!]</c>, a union of the typed errors
/// (<see cref="ValidationFailure"/>, <see cref="NotFoundFailure"/>, <see cref="ConflictFailure"/>), null on success.
/// </summary>
public static class MutationConventions
{
    /// <param name="inputFields">The input object's fields (types by graph type or resolved type).</param>
    /// <param name="resolve">Gets the parsed input: a dictionary without the fields the caller left out (so absent differs from null).</param>
    public static FieldType AddConventionMutation(
        this ObjectGraphType mutation, string name, string description, IEnumerable<FieldType> inputFields,
        string resultName, Type resultGraphType, string resultDescription,
        Func<IResolveFieldContext, IDictionary<string, object?>, Task<MutationPayload>> resolve)
    {
        var typeName = char.ToUpperInvariant(name[0]) + name[1..];
        var input = new InputObjectGraphType { Name = typeName + "Input", Description = $"What `{name}` takes." };
        foreach (var field in inputFields) input.AddField(field);

        var errors = new UnionGraphType { Name = typeName + "Error", Description = $"Why `{name}` changed nothing." };
        errors.Type<ValidationErrorGraphType>();
        errors.Type<NotFoundErrorGraphType>();
        errors.Type<ConflictErrorGraphType>();

        var payload = new ObjectGraphType<MutationPayload> { Name = typeName + "Payload", Description = $"What `{name}` did." };
        payload.AddField(new FieldType
        {
            Name = resultName, Type = resultGraphType, Description = resultDescription,
            Resolver = new FuncFieldResolver<MutationPayload, object?>(ctx => ctx.Source.Value),
        });
        payload.AddField(new FieldType
        {
            Name = "errors", ResolvedType = new ListGraphType(new NonNullGraphType(errors)),
            Description = "Why nothing was changed; null when the change was made.",
            Resolver = new FuncFieldResolver<MutationPayload, object?>(ctx => ctx.Source.Errors),
        });

        return mutation.AddField(new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = new NonNullGraphType(payload),
            Arguments = new QueryArguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" }),
            Resolver = new FuncFieldResolver<object?>(async ctx =>
                await resolve(ctx, ctx.Arguments?["input"].Value as IDictionary<string, object?> ?? new Dictionary<string, object?>())),
        });
    }

    /// <summary>Whether the caller gave <paramref name="field"/> (possibly as null).</summary>
    public static bool Has(this IDictionary<string, object?> input, string field) => input.ContainsKey(field);

    public static T? Get<T>(this IDictionary<string, object?> input, string field) =>
        input.TryGetValue(field, out var value) && value is not null ? (T)value : default;
}
