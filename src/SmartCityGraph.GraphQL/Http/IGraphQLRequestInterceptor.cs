using GraphQL;
using Microsoft.AspNetCore.Http;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// The host's hook into every executed request (register zero or more in DI): add validation rules or
/// listeners before execution, add <c>extensions</c> (e.g. <c>sqlStatements</c>, <c>cost</c>) after it.
/// Requests the transport refuses (400/405/413/415/406) never reach an interceptor.
/// </summary>
public interface IGraphQLRequestInterceptor
{
    /// <summary>Called with the prepared options just before execution.</summary>
    ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options) => ValueTask.CompletedTask;

    /// <summary>Called with the result (also a TIMEOUT result) just before it is written.</summary>
    ValueTask OnResultAsync(HttpContext context, ExecutionOptions options, ExecutionResult result) => ValueTask.CompletedTask;
}
