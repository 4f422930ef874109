using System.Diagnostics;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Telemetry;

/// <summary>
/// Per GraphQL request: the <c>graphql.request</c> span (operation name and type, cost, error codes; the SQL spans of its
/// execution become its children), the metrics of <see cref="GraphQLTelemetry"/> and one log line at Information with
/// operation name, status, duration and cost - never the variables. Register it first, so its span covers the other
/// interceptors' work.
/// </summary>
public sealed partial class GraphQLTelemetryInterceptor(ILogger<GraphQLTelemetryInterceptor> logger) : IGraphQLRequestInterceptor
{
    private static readonly object StateKey = new();

    // Not async on purpose: the span started here must stay Activity.Current for the execution that follows.
    public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
    {
        var state = new RequestState(Stopwatch.GetTimestamp(), GraphQLTelemetry.Source.StartActivity("graphql.request"));
        context.Items[StateKey] = state;
        if (logger.IsEnabled(LogLevel.Information))
            context.Response.OnCompleted(static s => ((RequestState)s).Log(), state.WithLogger(logger, context));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnResultAsync(HttpContext context, ExecutionOptions options, ExecutionResult result)
    {
        if (context.Items[StateKey] is not RequestState state)
            return ValueTask.CompletedTask;

        if (result.Operation is { } operation)
        {
            state.OperationName = operation.Name?.StringValue ?? "(anonymous)";
            state.OperationType = operation.Operation switch
            {
                OperationType.Mutation => "mutation",
                OperationType.Subscription => "subscription",
                _ => "query",
            };
        }
        else
        {
            // Refused before execution: GraphQL.NET keeps no parsed operation, so read its header from the text.
            (state.OperationType, state.OperationName) = OperationHeader.Of(options.Query, options.OperationName);
        }
        state.Cost = CostReport.From(options.UserContext)?.Cost;
        state.ErrorCodes = result.Errors is { Count: > 0 } errors
            ? string.Join(',', errors.Select(GraphQLErrorInfoProvider.CodeOf).Distinct())
            : null;

        var elapsed = Stopwatch.GetElapsedTime(state.Started);
        var type = new KeyValuePair<string, object?>("graphql.operation.type", state.OperationType);
        GraphQLTelemetry.Requests.Add(1, type);
        GraphQLTelemetry.Duration.Record(elapsed.TotalSeconds, type);
        if (state.Cost is { } cost)
            GraphQLTelemetry.Cost.Record(cost, type);
        foreach (var error in result.Errors ?? [])
            GraphQLTelemetry.Errors.Add(1, new KeyValuePair<string, object?>("error.code", GraphQLErrorInfoProvider.CodeOf(error)));

        if (state.Activity is { } activity)
        {
            activity.DisplayName = state.OperationType + " " + state.OperationName;
            activity.SetTag("graphql.operation.name", state.OperationName);
            activity.SetTag("graphql.operation.type", state.OperationType);
            if (options.DocumentId is { } documentId)
                activity.SetTag("graphql.document.id", documentId);
            if (state.Cost is { } spanCost)
                activity.SetTag("graphql.cost", spanCost);
            if (state.ErrorCodes is { } codes)
            {
                activity.SetTag("graphql.error.codes", codes);
                activity.SetStatus(ActivityStatusCode.Error, codes);
            }
            activity.Stop();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>One line per request; the structured fields are what a JSON console formatter writes out.</summary>
    [LoggerMessage(EventId = 1, EventName = "GraphQLRequest", Level = LogLevel.Information,
        Message = "GraphQL {OperationType} {OperationName} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms, cost {Cost}, errors {ErrorCodes}")]
    private static partial void LogRequest(ILogger logger, string operationType, string operationName, int statusCode, double elapsedMilliseconds, int? cost, string? errorCodes);

    private sealed class RequestState(long started, Activity? activity)
    {
        private ILogger? _logger;
        private HttpContext? _context;

        public long Started { get; } = started;
        public Activity? Activity { get; } = activity;
        public string OperationName { get; set; } = "(unanswered)";
        public string OperationType { get; set; } = "none";
        public int? Cost { get; set; }
        public string? ErrorCodes { get; set; }

        public RequestState WithLogger(ILogger logger, HttpContext context)
        {
            _logger = logger;
            _context = context;
            return this;
        }

        public Task Log()
        {
            LogRequest(_logger!, OperationType, OperationName, _context!.Response.StatusCode,
                Stopwatch.GetElapsedTime(Started).TotalMilliseconds, Cost, ErrorCodes);
            return Task.CompletedTask;
        }
    }
}
