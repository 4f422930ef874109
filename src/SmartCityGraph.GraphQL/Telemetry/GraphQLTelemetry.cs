using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmartCityGraph.GraphQL.Telemetry;

/// <summary>
/// The GraphQL server's traces and metrics, on the .NET diagnostics APIs (the host's OpenTelemetry SDK collects them by
/// <see cref="Name"/>): a span per request (<c>graphql.request</c>) and the instruments below. Prometheus names them
/// <c>graphql_server_requests_total</c>, <c>graphql_server_request_duration_seconds</c>, <c>graphql_server_request_cost</c>,
/// <c>graphql_server_errors_total</c> and <c>graphql_server_subscriptions_active</c>.
/// </summary>
public static class GraphQLTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "SmartCityGraph.GraphQL";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Requests answered, by operation type (query, mutation, subscription, or none when the document did not parse).</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("graphql.server.requests", description: "GraphQL requests answered");

    /// <summary>From the request's arrival at the GraphQL handler to its answer: parse, validation and execution.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram("graphql.server.request.duration", unit: "s",
        description: "Time to answer a GraphQL request", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    /// <summary>The computed cost of each validated operation (the points the rate limit spends).</summary>
    public static readonly Histogram<long> Cost = Meter.CreateHistogram("graphql.server.request.cost", unit: "{point}",
        description: "Computed cost of GraphQL operations", advice: new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = [1, 10, 100, 1_000, 10_000, 50_000],
        });

    /// <summary>Errors sent, by <c>extensions.code</c>.</summary>
    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("graphql.server.errors", description: "GraphQL errors sent, by code");

    /// <summary>Open subscriptions: transports call <see cref="SubscriptionStarted"/> and <see cref="SubscriptionEnded"/>.</summary>
    public static readonly UpDownCounter<long> ActiveSubscriptions = Meter.CreateUpDownCounter<long>("graphql.server.subscriptions.active",
        unit: "{subscription}", description: "Open GraphQL subscriptions");

    public static void SubscriptionStarted() => ActiveSubscriptions.Add(1);

    public static void SubscriptionEnded() => ActiveSubscriptions.Add(-1);

    /// <summary>Counts an error sent for a request that never reached GraphQL (e.g. refused by the rate limit).</summary>
    public static void RecordRefusal(string code)
    {
        Requests.Add(1, new KeyValuePair<string, object?>("graphql.operation.type", "none"));
        Errors.Add(1, new KeyValuePair<string, object?>("error.code", code));
    }
}
