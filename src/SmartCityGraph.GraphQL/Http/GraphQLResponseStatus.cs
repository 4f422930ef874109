using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>The HTTP status for a GraphQL result, per the GraphQL-over-HTTP spec's two media types.</summary>
public static class GraphQLResponseStatus
{
    public static int For(ExecutionResult result, string mediaType)
    {
        // application/json: every well-formed request gets 200, whatever its GraphQL errors (legacy clients expect it).
        // graphql-response+json: a result with a data entry (execution began) is 200 as well.
        if (mediaType != GraphQLMediaTypes.GraphQLResponseJson || result.Executed || result.Errors is not { Count: > 0 } errors)
            return StatusCodes.Status200OK;

        // Refused for who is asking: 401 when not signed in, 403 when signed in without the role.
        if (errors.All(error => error is Authorization.AuthorizationError))
            return errors.Any(error => error.Code == Errors.ErrorCodes.Unauthenticated) ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;

        // No data entry: the document did not parse or validate, or its variables did not coerce (400) -
        // unless what stopped it was our own failure.
        return errors.Any(error => error is UnhandledError && !GraphQLErrorInfoProvider.IsTooDeepToParse(error))
            ? StatusCodes.Status500InternalServerError
            : StatusCodes.Status400BadRequest;
    }
}
