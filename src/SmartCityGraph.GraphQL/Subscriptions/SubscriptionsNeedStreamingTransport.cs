using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Documents;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// Refuses a subscription sent as a plain GraphQL-over-HTTP request (one JSON answer cannot carry a stream)
/// with a validation error that names the transports that can: as an interceptor it adds the rule to every
/// request that came neither as a WebSocket nor as an event stream.
/// </summary>
public sealed class SubscriptionsNeedStreamingTransport : ValidationRuleBase, IOperationRule, IGraphQLRequestInterceptor
{
    public const string Message =
        "Subscriptions are served over WebSocket (subprotocol graphql-transport-ws) or Server-Sent Events (Accept: text/event-stream), not as a plain HTTP request.";

    public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
    {
        if (context.WebSockets.IsWebSocketRequest || GraphQLServerSentEventsHandler.IsEventStreamRequest(context.Request))
            return ValueTask.CompletedTask;
        options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(this);
        options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(this);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation?.Operation == OperationType.Subscription)
            context.ReportError(new ValidationError(context.Document.Source, null, Message, context.Operation) { Code = ErrorCodes.BadRequest });
        return default;
    }
}
