using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using SmartCityGraph.Data.Storage;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Telemetry;

/// <summary>Traces, metrics at /metrics and the request log line (with no variables' values and no SQL at Information).</summary>
public sealed class TelemetryTests(TelemetryTests.ObservedServer server) : IClassFixture<TelemetryTests.ObservedServer>
{
    private const string Secret = "SECRET-VARIABLE-VALUE-7731";

    [Fact]
    public async Task A_request_has_a_span_with_operation_name_cost_and_its_sql_as_child_spans()
    {
        // The page runs as a prepared read, the count through EF Core: each statement is a child span of the request's.
        (await server.Http.PostGraphQLAsync("query PilotsForTracing { pilots(first: 3) { totalCount nodes { title } } }")).AssertNoErrors();

        var span = await EventuallyAsync(() => server.Spans.FirstOrDefault(a => (a.GetTagItem("graphql.operation.name") as string) == "PilotsForTracing"));
        Assert.Equal("query", span.GetTagItem("graphql.operation.type"));
        Assert.Equal(4, span.GetTagItem("graphql.cost"));
        Assert.Equal("query PilotsForTracing", span.DisplayName);
        var sql = await EventuallyAsync(() => server.Spans.FirstOrDefault(a => a.ParentSpanId == span.SpanId && a.Source.Name.Contains("EntityFrameworkCore")));
        Assert.Equal(span.TraceId, sql.TraceId);
        var prepared = await EventuallyAsync(() => server.Spans.FirstOrDefault(a => a.ParentSpanId == span.SpanId && a.Source.Name == PreparedReadTelemetry.Name));
        Assert.Equal(span.TraceId, prepared.TraceId);
        Assert.Equal("sqlite", prepared.GetTagItem("db.system"));
        Assert.Contains("FROM \"Entities\"", (string)prepared.GetTagItem("db.statement")!);
        Assert.Equal(ActivityKind.Client, prepared.Kind);
        var http = server.Spans.FirstOrDefault(a => a.SpanId == span.ParentSpanId);
        Assert.NotNull(http); // the HTTP server span is the parent
    }

    [Fact]
    public async Task A_failed_request_names_its_error_codes_on_the_span()
    {
        await server.Http.PostGraphQLAsync("query Broken { nope }");

        var span = await EventuallyAsync(() => server.Spans.FirstOrDefault(a => (a.GetTagItem("graphql.operation.name") as string) == "Broken"));
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", span.GetTagItem("graphql.error.codes"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task The_metrics_endpoint_shows_the_requests_just_made()
    {
        (await server.Http.PostGraphQLAsync("{ events(first: 1) { totalCount } }")).AssertNoErrors();
        await server.Http.PostGraphQLAsync("{ nope }");

        var text = await EventuallyAsync(async () =>
        {
            var body = await server.Http.GetStringAsync("/metrics");
            return body.Contains("graphql_server_errors_total{") ? body : null;
        });

        Assert.Matches(@"graphql_server_requests_total\{[^}]*graphql_operation_type=""query""[^}]*\} [1-9]", text);
        Assert.Contains("graphql_server_request_duration_seconds_bucket{", text);
        Assert.Contains("graphql_server_request_cost_bucket{", text);
        Assert.Matches(@"graphql_server_errors_total\{[^}]*error_code=""GRAPHQL_VALIDATION_FAILED""[^}]*\} [1-9]", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task The_metrics_endpoint_counts_an_open_subscription()
    {
        await using var socket = await server.ConnectSocketAsync();
        await socket.SubscribeAsync("1", "subscription { entityChanged { action revision { number } } }");

        // Other tests' subscriptions in this process count too (the meter is process-wide): at least this one.
        var text = await EventuallyAsync(async () =>
        {
            var body = await server.Http.GetStringAsync("/metrics");
            return System.Text.RegularExpressions.Regex.IsMatch(body, @"graphql_server_subscriptions_active(\{[^}]*\})? [1-9]") ? body : null;
        });
        Assert.Contains("# TYPE graphql_server_subscriptions_active", text);
    }

    [Fact]
    public async Task One_line_per_request_at_information_without_variables_values_or_sql()
    {
        (await server.Http.PostGraphQLAsync("query FindIt($q: String!) { search(query: $q, first: 1) { totalCount } }", new { q = Secret })).AssertNoErrors();

        var line = await EventuallyAsync(() => server.Logs.FirstOrDefault(l => l.Message.Contains("FindIt")));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches(@"^GraphQL query FindIt answered 200 in [0-9.]+ ms, cost [0-9]+, errors \(null\)$", line.Message);
        Assert.DoesNotContain(server.Logs, l => l.Level >= LogLevel.Information && l.Message.Contains(Secret));
        Assert.DoesNotContain(server.Logs, l => l.Level >= LogLevel.Information && l.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command"));
        Assert.Contains(server.Logs, l => l.Level == LogLevel.Debug && l.Category == "Microsoft.EntityFrameworkCore.Database.Command"); // SQL at Debug
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class => await EventuallyAsync(() => Task.FromResult(probe()));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 50; i++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("Not seen within 5 s.");
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message);

    public sealed class ObservedServer : IAsyncLifetime
    {
        private readonly Factory _factory = new();

        public HttpClient Http { get; private set; } = null!;

        public IReadOnlyCollection<Activity> Spans => _factory.Spans.ToArray();

        public IReadOnlyCollection<LogLine> Logs => _factory.Logs.Lines.ToArray();

        public Task InitializeAsync()
        {
            Http = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await _factory.DisposeAsync();

        internal Task<Live.LiveSocket> ConnectSocketAsync() => Live.LiveSocket.ConnectAsync(_factory);

        private sealed class Factory : ServerFactory
        {
            public List<Activity> Spans { get; } = [];

            public CapturedLogs Logs { get; } = new();

            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                base.ConfigureWebHost(builder);
                builder.UseSetting("Telemetry:Traces", "true");
                builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(category: null, LogLevel.Debug));
                builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
            }
        }
    }

    public sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<LogLine> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception)));
        }
    }
}
