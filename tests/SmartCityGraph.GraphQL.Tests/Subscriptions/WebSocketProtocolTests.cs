using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Cost;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.GraphQL.Tests.Http;
using CloseCodes = SmartCityGraph.GraphQL.Subscriptions.GraphQLTransportWs.CloseCodes;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

/// <summary>The graphql-transport-ws protocol, message by message, as the graphql-ws library's server speaks it.</summary>
public sealed class WebSocketProtocolTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private ToyGraphQLServer Server => fixture.Server;

    [Fact]
    public async Task Acknowledges_connection_init_and_answers_ping_with_pong_carrying_its_payload()
    {
        await using var client = await TransportWsClient.ConnectAsync(Server.WebSocketEndpoint);
        Assert.Equal("graphql-transport-ws", client.SubProtocol);

        await client.SendAsync("""{"type":"connection_init","payload":{"hello":"there"}}""");
        var ack = await client.ReceiveAsync();
        await client.SendAsync("""{"type":"ping","payload":{"n":1}}""");
        var pong = await client.ReceiveAsync();
        await client.SendAsync("""{"type":"ping"}""");
        var barePong = await client.ReceiveAsync();
        await client.SendAsync("""{"type":"pong"}"""); // unsolicited pongs are allowed as keep-alives

        TransportWsClient.AssertJson("""{"type":"connection_ack"}""", ack);
        TransportWsClient.AssertJson("""{"type":"pong","payload":{"n":1}}""", pong);
        TransportWsClient.AssertJson("""{"type":"pong"}""", barePong);
        await client.SubscribeAsync("after-pong", "{ hello }");
        Assert.Equal("next", (await client.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Streams_a_subscription_as_next_messages_and_completes_it()
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("c1", "subscription { counter(to: 3) }");

        for (var i = 1; i <= 3; i++)
            await client.ExpectAsync("""{"id":"c1","type":"next","payload":{"data":{"counter":""" + i + "}}}");
        await client.ExpectAsync("""{"id":"c1","type":"complete"}""");
    }

    [Fact]
    public async Task Answers_queries_and_mutations_with_one_next_and_complete()
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("q", "query($n: String) { hello(name: $n) }", new { n = "socket" });
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        await client.SubscribeAsync("m", "mutation { noop }");
        var mutation = await client.ReceiveAsync();

        TransportWsClient.AssertJson("""{"id":"q","type":"next","payload":{"data":{"hello":"Hello, socket!"}}}""", next);
        TransportWsClient.AssertJson("""{"id":"q","type":"complete"}""", complete);
        TransportWsClient.AssertJson("""{"id":"m","type":"next","payload":{"data":{"noop":true}}}""", mutation);
    }

    [Theory]
    [InlineData("subscription { counter(to: 3", ErrorCodes.ParseFailed)]
    [InlineData("subscription { nope }", ErrorCodes.ValidationFailed)]
    [InlineData("subscription { counter(to: 1) messages { text } }", ErrorCodes.ValidationFailed)] // one root field only
    [InlineData("subscription($to: Int!) { counter(to: $to) }", ErrorCodes.ValidationFailed)]     // variable missing
    public async Task Refuses_an_operation_that_does_not_parse_or_validate_with_an_error_message_and_no_complete(string query, string code)
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("bad", query);
        var error = await client.ReceiveAsync();
        await client.SubscribeAsync("good", "{ hello }");
        var next = await client.ReceiveAsync();

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        var errors = error.GetProperty("payload").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(code, e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Equal("good", next.GetProperty("id").GetString()); // no complete for "bad" came in between
    }

    [Fact]
    public async Task A_stream_that_fails_ends_with_an_error_message_that_hides_the_exception()
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("f", "subscription { failing }");
        var first = await client.ReceiveAsync();
        var error = await client.ReceiveAsync();

        TransportWsClient.AssertJson("""{"id":"f","type":"next","payload":{"data":{"failing":"first"}}}""", first);
        Assert.Equal("error", error.GetProperty("type").GetString());
        var single = Assert.Single(error.GetProperty("payload").EnumerateArray());
        Assert.Equal(ErrorCodes.InternalError, single.GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("hunter2", error.GetRawText());
    }

    [Fact]
    public async Task A_refusing_stream_resolver_gives_a_result_with_its_error_then_complete()
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("r", "subscription { refused }");
        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();

        Assert.Equal("next", next.GetProperty("type").GetString());
        var error = Assert.Single(next.GetProperty("payload").GetProperty("errors").EnumerateArray());
        Assert.Equal(ErrorCodes.InvalidInput, error.GetProperty("extensions").GetProperty("code").GetString());
        TransportWsClient.AssertJson("""{"id":"r","type":"complete"}""", complete);
    }

    [Fact]
    public async Task Complete_from_the_client_stops_the_subscription_and_releases_its_source()
    {
        await using var server = await ToyGraphQLServer.StartAsync();
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        await client.SubscribeAsync("m", "subscription { messages { text } }");
        await server.Messages.WaitForSubscribersAsync(1);
        server.Messages.Publish(new ToyMessage("one"));
        var first = await client.ReceiveAsync();
        await client.SendAsync("""{"id":"m","type":"complete"}""");
        await server.Messages.WaitForSubscribersAsync(0);
        server.Messages.Publish(new ToyMessage("two"));
        await client.SubscribeAsync("m", "{ hello }"); // the id is free again

        TransportWsClient.AssertJson("""{"id":"m","type":"next","payload":{"data":{"messages":{"text":"one"}}}}""", first);
        await client.ExpectAsync("""{"id":"m","type":"next","payload":{"data":{"hello":"Hello, world!"}}}""");
    }

    [Fact]
    public async Task Runs_every_event_in_a_service_scope_of_its_own()
    {
        await using var server = await ToyGraphQLServer.StartAsync();
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        await client.SubscribeAsync("a", "subscription { messages { scope } }");
        await client.SubscribeAsync("b", "subscription { messages { scope } }");
        await server.Messages.WaitForSubscribersAsync(2);
        server.Messages.Publish(new ToyMessage("x"));
        server.Messages.Publish(new ToyMessage("y"));
        var scopes = new List<string>();
        for (var i = 0; i < 4; i++)
            scopes.Add((await client.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("messages").GetProperty("scope").GetString()!);

        Assert.Equal(4, scopes.Distinct().Count());
    }

    [Fact]
    public async Task An_event_that_runs_past_the_execution_timeout_is_answered_with_TIMEOUT_and_the_stream_goes_on()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configure: options => options.ExecutionTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        await client.SubscribeAsync("s", "subscription { messages { text slow } }");
        await server.Messages.WaitForSubscribersAsync(1);
        server.Messages.Publish(new ToyMessage("late", Delay: 10_000));
        var timedOut = await client.ReceiveAsync();
        server.Messages.Publish(new ToyMessage("quick"));
        var quick = await client.ReceiveAsync();

        var error = Assert.Single(timedOut.GetProperty("payload").GetProperty("errors").EnumerateArray());
        Assert.Equal(ErrorCodes.Timeout, error.GetProperty("extensions").GetProperty("code").GetString());
        TransportWsClient.AssertJson("""{"id":"s","type":"next","payload":{"data":{"messages":{"text":"quick","slow":"done"}}}}""", quick);
    }

    // ---- closing codes ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"type":42}""")]
    [InlineData("""{"type":"unknown"}""")]
    [InlineData("""{"type":"connection_init","payload":"text"}""")]
    [InlineData("""{"type":"subscribe","id":"","payload":{"query":"{ hello }"}}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":42}}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":"{ hello }","variables":[]}}""")]
    [InlineData("""{"type":"complete"}""")]
    [InlineData("""{"type":"next","id":"1","payload":{}}""")]
    public async Task Closes_with_4400_on_a_message_that_is_not_one_of_the_protocol(string message)
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SendAsync(message);

        Assert.Equal(CloseCodes.BadRequest, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Closes_with_4401_on_subscribe_before_the_connection_is_acknowledged()
    {
        await using var client = await TransportWsClient.ConnectAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("1", "{ hello }");

        Assert.Equal((CloseCodes.Unauthorized, "Unauthorized"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Closes_with_4429_on_a_second_connection_init()
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SendAsync("""{"type":"connection_init"}""");

        Assert.Equal((CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Closes_with_4409_when_a_subscriber_for_the_id_already_exists()
    {
        await using var client = await TransportWsClient.ConnectAndInitAsync(Server.WebSocketEndpoint);

        await client.SubscribeAsync("same", "subscription { messages { text } }");
        await client.SubscribeAsync("same", "subscription { messages { text } }");

        Assert.Equal((CloseCodes.SubscriberAlreadyExists, "Subscriber for same already exists"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Closes_with_4408_when_connection_init_does_not_come_in_time()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o => o.ConnectionInitTimeout = TimeSpan.FromMilliseconds(200));
        await using var client = await TransportWsClient.ConnectAsync(server.WebSocketEndpoint);

        Assert.Equal((CloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout"), await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Closes_with_4406_when_the_client_does_not_speak_graphql_transport_ws()
    {
        await using var legacy = await TransportWsClient.ConnectAsync(Server.WebSocketEndpoint, subProtocol: "graphql-ws");
        await using var none = await TransportWsClient.ConnectAsync(Server.WebSocketEndpoint, subProtocol: null);

        Assert.Equal((CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable"), await legacy.ReceiveCloseAsync());
        Assert.Equal(CloseCodes.SubprotocolNotAcceptable, (await none.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Closes_with_1009_on_a_message_over_the_size_cap_however_it_is_fragmented()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o => o.MaxMessageBytes = 10_000);
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);
        await using var fits = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        await fits.SubscribeAsync("ok", "{ hello }" + new string(' ', 9_000));
        await client.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            id = "big", type = "subscribe", payload = new { query = "{ hello }" + new string(' ', 20_000) },
        })));

        Assert.Equal("next", (await fits.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal(CloseCodes.MessageTooBig, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Closes_with_4403_when_a_connection_init_handler_refuses()
    {
        await using var server = await ToyGraphQLServer.StartAsync(addServices: services =>
            services.AddSingleton<IGraphQLConnectionInitHandler, TokenInPayload>());
        await using var refused = await TransportWsClient.ConnectAsync(server.WebSocketEndpoint);
        await using var admitted = await TransportWsClient.ConnectAsync(server.WebSocketEndpoint);

        await refused.SendAsync("""{"type":"connection_init","payload":{"token":"wrong"}}""");
        await admitted.SendAsync("""{"type":"connection_init","payload":{"token":"letmein"}}""");

        Assert.Equal((CloseCodes.Forbidden, "Forbidden"), await refused.ReceiveCloseAsync());
        Assert.Equal("connection_ack", (await admitted.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Closes_with_1001_when_the_server_stops()
    {
        var server = await ToyGraphQLServer.StartAsync();
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);
        await client.SubscribeAsync("m", "subscription { messages { text } }");
        var messages = server.Messages;
        await messages.WaitForSubscribersAsync(1);

        var stopping = server.DisposeAsync().AsTask();

        Assert.Equal((CloseCodes.GoingAway, "Going away"), await client.ReceiveCloseAsync());
        await stopping;
        Assert.Equal(0, messages.SubscriberCount);
    }

    // ---- limits ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Refuses_an_operation_over_the_per_connection_cap_with_an_error_and_admits_one_after_a_complete()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o => o.MaxOperationsPerConnection = 2);
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        await client.SubscribeAsync("1", "subscription { messages { text } }");
        await client.SubscribeAsync("2", "subscription { messages { text } }");
        await client.SubscribeAsync("3", "subscription { messages { text } }");
        var refused = await client.ReceiveAsync();
        await client.SendAsync("""{"id":"1","type":"complete"}""");
        await server.Messages.WaitForSubscribersAsync(1);
        await client.SubscribeAsync("3", "subscription { messages { text } }");
        await server.Messages.WaitForSubscribersAsync(2);

        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("3", refused.GetProperty("id").GetString());
        Assert.Equal(ErrorCodes.TooManySubscriptions,
            Assert.Single(refused.GetProperty("payload").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Refuses_connections_beyond_the_server_wide_cap_with_503_until_one_closes()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o => o.MaxConnections = 1);
        var first = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => TransportWsClient.ConnectAsync(server.WebSocketEndpoint));
        using var sse = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json") };
        sse.Headers.Add("Accept", "text/event-stream");
        using var refusedStream = await server.Client.SendAsync(sse);
        await first.DisposeAsync();
        await Task.Delay(200); // the server releases the slot when its handler returns
        await using var later = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        Assert.Contains("503", refused.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedStream.StatusCode);
        Assert.Contains(ErrorCodes.TooManyConnections, await refusedStream.Content.ReadAsStringAsync());
        Assert.True(refusedStream.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Applies_the_requests_interceptors_so_depth_and_cost_limits_hold()
    {
        await using var server = await ToyGraphQLServer.StartAsync(addServices: services =>
            services.AddSingleton<IGraphQLRequestInterceptor>(new CostLimitsInterceptor(new CostOptions { MaxDepth = 3 })));
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);

        await client.SubscribeAsync("deep", "subscription { messages { nested { nested { text } } } }");
        var error = await client.ReceiveAsync();
        await client.SubscribeAsync("shallow", "subscription { messages { nested { text } } }");
        await server.Messages.WaitForSubscribersAsync(1);

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(ErrorCodes.DepthLimitExceeded,
            Assert.Single(error.GetProperty("payload").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Drops_a_client_that_stops_reading_instead_of_buffering_without_bound()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o =>
        {
            o.MaxPendingMessages = 4;
            o.CloseTimeout = TimeSpan.FromMilliseconds(500);
        });
        await using var client = await TransportWsClient.ConnectAndInitAsync(server.WebSocketEndpoint);
        await client.SubscribeAsync("flood", "subscription { messages { text } }");
        await server.Messages.WaitForSubscribersAsync(1);

        // The client reads nothing while large messages pile up: first in the socket buffers, then in the outbox.
        var text = new string('x', 64 * 1024);
        for (var i = 0; i < 2_000 && server.Messages.SubscriberCount > 0; i++)
        {
            server.Messages.Publish(new ToyMessage(text));
            await Task.Delay(2);
        }

        await server.Messages.WaitForSubscribersAsync(0);
        Assert.Contains(CapturingLoggerProvider.Instance.Entries, entry => entry.Message.StartsWith("Dropping a GraphQL WebSocket client", StringComparison.Ordinal));
    }

    private sealed class TokenInPayload : IGraphQLConnectionInitHandler
    {
        public ValueTask<bool> OnConnectionInitAsync(Microsoft.AspNetCore.Http.HttpContext context, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken) =>
            ValueTask.FromResult(payload is not null && payload.TryGetValue("token", out var token) && token as string == "letmein");
    }
}
