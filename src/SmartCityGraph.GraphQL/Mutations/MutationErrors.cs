using GraphQL.Types;

namespace SmartCityGraph.GraphQL.Mutations;

/// <summary>
/// A problem with what a mutation asked for, returned in its payload's <c>errors</c> (HotChocolate's mutation
/// conventions) rather than as a top-level error: the request itself was fine, the change was refused.
/// </summary>
public abstract record MutationError(string Message);

/// <summary>GraphQL <c>ValidationError { message field }</c>: a value breaks a rule; <paramref name="Field"/> names the input field.</summary>
public sealed record ValidationFailure(string Message, string Field) : MutationError(Message);

/// <summary>GraphQL <c>NotFoundError { message id }</c>: the id an input gave names nothing (any more).</summary>
public sealed record NotFoundFailure(string Message, string Id) : MutationError(Message);

/// <summary>GraphQL <c>ConflictError { message currentVersion }</c>: the object changed since the version the caller read.</summary>
public sealed record ConflictFailure(string Message, int CurrentVersion) : MutationError(Message);

/// <summary>A mutation's answer: the changed object (or its id), or the errors that stopped the change.</summary>
public sealed record MutationPayload(object? Value, IReadOnlyList<MutationError>? Errors)
{
    public static MutationPayload Success(object? value) => new(value, null);
    public static MutationPayload Failure(IReadOnlyList<MutationError> errors) => new(null, errors);
}

public sealed class ErrorInterfaceGraphType : InterfaceGraphType<MutationError>
{
    public ErrorInterfaceGraphType()
    {
        Name = "Error";
        Description = "Why a mutation changed nothing.";
        Field<NonNullGraphType<StringGraphType>>("message");
    }
}

public sealed class ValidationErrorGraphType : ObjectGraphType<ValidationFailure>
{
    public ValidationErrorGraphType()
    {
        Name = "ValidationError";
        Description = "A value breaks a rule; `field` names the input field (`sources`, `endDate`, `sources[0].url`, …).";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is ValidationFailure;
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("field").Resolve(ctx => ctx.Source.Field);
    }
}

public sealed class NotFoundErrorGraphType : ObjectGraphType<NotFoundFailure>
{
    public NotFoundErrorGraphType()
    {
        Name = "NotFoundError";
        Description = "An id in the input names nothing, or nothing any more.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is NotFoundFailure;
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that names nothing.").Resolve(ctx => ctx.Source.Id);
    }
}

public sealed class ConflictErrorGraphType : ObjectGraphType<ConflictFailure>
{
    public ConflictErrorGraphType()
    {
        Name = "ConflictError";
        Description = "The object changed since the version you read (`expectedVersion`); nothing was changed. Read it again and reapply your change.";
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is ConflictFailure;
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<IntGraphType>>("currentVersion").Resolve(ctx => ctx.Source.CurrentVersion);
    }
}
