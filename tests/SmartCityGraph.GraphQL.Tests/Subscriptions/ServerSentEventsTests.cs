using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Subscriptions;
using SmartCityGraph.GraphQL.Tests.Http;

namespace SmartCityGraph.GraphQL.Tests.Subscriptions;

/// <summary>GraphQL over Server-Sent Events, distinct connections mode, as the graphql-sse library speaks it.</summary>
public sealed class ServerSentEventsTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private ToyGraphQLServer Server => fixture.Server;

    [Fact]
    public async Task Streams_a_subscription_as_next_events_and_ends_with_complete()
    {
        using var response = await PostAsync(Server.Client, "subscription { counter(to: 3) }");
        var events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal(
            ["next {\"data\":{\"counter\":1}}", "next {\"data\":{\"counter\":2}}", "next {\"data\":{\"counter\":3}}", "complete "],
            events);
    }

    [Fact]
    public async Task Answers_a_query_with_one_next_and_complete()
    {
        using var response = await PostAsync(Server.Client, "{ hello }");

        Assert.Equal(["next {\"data\":{\"hello\":\"Hello, world!\"}}", "complete "], await ReadEventsAsync(response));
    }

    [Fact]
    public async Task Reports_errors_found_before_execution_through_the_accepted_stream()
    {
        using var response = await PostAsync(Server.Client, "subscription { nope }");
        var events = await ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, events.Count);
        var result = JsonDocument.Parse(events[0]["next ".Length..]).RootElement;
        Assert.Equal(ErrorCodes.ValidationFailed, result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("complete ", events[1]);
    }

    [Fact]
    public async Task Serves_subscriptions_over_GET_for_EventSource_but_refuses_mutations_there()
    {
        using var subscription = await GetAsync(Server.Client, "subscription { counter(to: 1) }");
        using var mutation = await GetAsync(Server.Client, "mutation { noop }");

        Assert.Equal(["next {\"data\":{\"counter\":1}}", "complete "], await ReadEventsAsync(subscription));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_malformed_request_as_GraphQL_over_HTTP_does()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ErrorCodes.BadRequest, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Releases_the_subscription_when_the_client_disconnects()
    {
        await using var server = await ToyGraphQLServer.StartAsync();
        var response = await PostAsync(server.Client, "subscription { messages { text } }", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();
        await server.Messages.WaitForSubscribersAsync(1);
        server.Messages.Publish(new ToyMessage("hello"));
        var reader = new StreamReader(body);
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null && !line.StartsWith("data: {", StringComparison.Ordinal))
        {
        }

        response.Dispose(); // closes the connection

        Assert.Equal("data: {\"data\":{\"messages\":{\"text\":\"hello\"}}}", line);
        await server.Messages.WaitForSubscribersAsync(0);
    }

    [Fact]
    public async Task Writes_keep_alive_comments_on_an_idle_stream()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(100));
        using var response = await PostAsync(server.Client, "subscription { messages { text } }", HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var comments = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (comments < 3 && await reader.ReadLineAsync(timeout.Token) is { } line)
            if (line == ":")
                comments++;

        Assert.Equal(3, comments); // the first comes at once, the others every 100 ms
    }

    [Fact]
    public async Task Drops_a_client_that_stops_reading_instead_of_buffering_without_bound()
    {
        await using var server = await ToyGraphQLServer.StartAsync(configureSubscriptions: o => o.MaxPendingMessages = 4);
        using var response = await PostAsync(server.Client, "subscription { messages { text } }", HttpCompletionOption.ResponseHeadersRead);
        await server.Messages.WaitForSubscribersAsync(1);

        var text = new string('x', 64 * 1024);
        for (var i = 0; i < 2_000 && server.Messages.SubscriberCount > 0; i++)
        {
            server.Messages.Publish(new ToyMessage(text));
            await Task.Delay(2);
        }

        await server.Messages.WaitForSubscribersAsync(0);
        Assert.Contains(CapturingLoggerProvider.Instance.Entries, entry => entry.Message.StartsWith("Dropped a GraphQL event stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plain_HTTP_request_for_a_subscription_is_refused_with_a_message_naming_the_transports()
    {
        var response = await Server.Client.PostQueryAsync("subscription { counter(to: 1) }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(ErrorCodes.BadRequest, response.SingleErrorCode);
        Assert.Equal(SubscriptionsNeedStreamingTransport.Message, response.Errors[0].GetProperty("message").GetString());
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string query, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request, completion);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpCall.Query(query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await client.SendAsync(request);
    }

    /// <summary>The stream's events as "name data" (comments skipped), per the SSE spec's line format.</summary>
    private static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var events = new List<string>();
        foreach (var block in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n').Where(line => !line.StartsWith(':')).ToList();
            if (lines.Count == 0)
                continue;
            var name = lines.Single(line => line.StartsWith("event:", StringComparison.Ordinal))["event:".Length..].Trim();
            var data = string.Join("\n", lines.Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line["data:".Length..].TrimStart()));
            events.Add($"{name} {data}");
        }
        return events;
    }
}
