using System.Security.Claims;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Documents;

namespace SmartCityGraph.GraphQL.Authorization;

/// <summary>
/// Refuses, before anything executes, an operation whose root fields need roles the caller lacks (declared with
/// GraphQL.NET's <c>field.AuthorizeWithRoles("editor", "admin")</c>: any one of them suffices): <c>UNAUTHENTICATED</c>
/// when the caller is not signed in (no token, or one that failed validation), <c>FORBIDDEN</c> naming each field
/// a signed-in caller may not use. Nothing of the operation runs, so a refused mutation changes nothing.
/// </summary>
/// <remarks>
/// Only the executed operation's root fields are checked (through fragments on the root type) — where mutations
/// live. Add it like the cost rule, to the rules for new and for cached documents: the caller differs per request.
/// </remarks>
public sealed class RoleAuthorizationRule : ValidationRuleBase, IOperationRule
{
    public const string UnauthenticatedMessage =
        "Sign in first: this operation needs a bearer token (header Authorization: Bearer <token>); none was sent, or it is not valid (expired, wrongly signed or for another audience).";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is not { } operation || RootType(context.Schema, operation.Operation) is not { } root)
            return default;
        var restricted = new List<(GraphQLField Node, FieldType Field, IReadOnlyList<string> Roles)>();
        Collect(context, root, operation.SelectionSet, restricted, []);
        if (restricted.Count == 0) return default;

        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true)
        {
            context.ReportError(new AuthorizationError(context, ErrorCodes.Unauthenticated, UnauthenticatedMessage, restricted[0].Node));
            return default;
        }
        foreach (var (node, field, roles) in restricted.Where(r => !r.Roles.Any(user.IsInRole)))
            context.ReportError(new AuthorizationError(context, ErrorCodes.Forbidden,
                $"'{field.Name}' needs the role {string.Join(" or ", roles)}; you are signed in as {Describe(user)}.", node));
        return default;
    }

    private static IObjectGraphType? RootType(ISchema schema, OperationType operation) => operation switch
    {
        OperationType.Mutation => schema.Mutation,
        OperationType.Subscription => schema.Subscription,
        _ => schema.Query,
    };

    private static void Collect(ValidationContext context, IObjectGraphType root, GraphQLSelectionSet selections,
        List<(GraphQLField, FieldType, IReadOnlyList<string>)> restricted, HashSet<string> visitedFragments)
    {
        foreach (var selection in selections.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when root.GetField(field.Name.StringValue) is { } definition && definition.GetRoles() is { Count: > 0 } roles:
                    restricted.Add((field, definition, roles));
                    break;
                case GraphQLInlineFragment inline:
                    Collect(context, root, inline.SelectionSet, restricted, visitedFragments);
                    break;
                case GraphQLFragmentSpread spread when visitedFragments.Add(spread.FragmentName.Name.StringValue):
                    var fragment = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
                    if (fragment is not null) Collect(context, root, fragment.SelectionSet, restricted, visitedFragments);
                    break;
            }
        }
    }

    private static string Describe(ClaimsPrincipal user) =>
        $"'{user.Identity?.Name ?? "?"}' without it";
}

/// <summary>An authorization refusal found while validating; its code is <c>UNAUTHENTICATED</c> or <c>FORBIDDEN</c>.</summary>
public sealed class AuthorizationError : ValidationError
{
    internal AuthorizationError(ValidationContext context, string code, string message, ASTNode node)
        : base(context.Document.Source, number: null, message, node)
    {
        Code = code;
    }
}

/// <summary>Wires <see cref="RoleAuthorizationRule"/> into one execution.</summary>
public static class RoleAuthorizationExecutionOptionsExtensions
{
    private static readonly RoleAuthorizationRule Rule = new();

    public static ExecutionOptions AddRoleAuthorization(this ExecutionOptions options)
    {
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(Rule);
        options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(Rule);
        return options;
    }
}
