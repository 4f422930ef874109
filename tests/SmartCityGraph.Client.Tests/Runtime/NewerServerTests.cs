using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.Runtime;

/// <summary>
/// A server newer than the client's schema may send an enum value or a type the client does not know: the
/// result still reads (the value as <c>Unknown__</c>, the object with its interface fields), instead of the
/// whole result failing with INVALID_RESPONSE.
/// </summary>
public sealed class NewerServerTests
{
    [Fact]
    public async Task An_enum_value_the_client_does_not_know_reads_as_Unknown_and_the_rest_of_the_result_stays()
    {
        const string events = """
            {"data":{"events":{"totalCount":2,"pageInfo":{"hasNextPage":false,"endCursor":"c2"},"nodes":[
              {"id":"RXZlbnQ6YQ==","title":"A","startDate":"2022-04-28","endDate":null,"status":"POSTPONED","category":"PARTICIPATION","type":"HACKATHON"},
              {"id":"RXZlbnQ6Yg==","title":"B","startDate":"2022-05-01","endDate":null,"status":"FINISHED","category":"NETWORK","type":"FORUM"}]}}}
            """;

        var result = await Client(new StubHandler(HttpStatusCode.OK, events, "application/json")).GetEvents.ExecuteAsync(2);

        Assert.False(result.IsErrorResult());
        var nodes = result.EnsureNoErrors().Events!.Nodes;
        Assert.Equal((EventStatus.Unknown__, EventType.Unknown__), (nodes[0].Status, nodes[0].Type));
        Assert.Equal((EventStatus.Finished, EventType.Forum, EventCategory.Network), (nodes[1].Status, nodes[1].Type, nodes[1].Category));
    }

    [Fact]
    public void An_unknown_enum_value_cannot_be_sent()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EventStatusSerializer.Serialize(EventStatus.Unknown__));
        Assert.Contains("EventStatus", error.Message);
    }

    [Fact]
    public async Task A_type_the_client_does_not_know_reads_with_the_fields_selected_on_the_field_s_own_type()
    {
        const string json = """
            {"data":{"node":{"__typename":"Brochure","id":"QnJvY2h1cmU6eA==","kind":"BROCHURE","title":"A brochure","summary":null}}}
            """;

        var result = await Client(new StubHandler(HttpStatusCode.OK, json, "application/json")).GetNode.ExecuteAsync("QnJvY2h1cmU6eA==");

        Assert.False(result.IsErrorResult());
        var node = result.EnsureNoErrors().Node!;
        Assert.Equal("QnJvY2h1cmU6eA==", node.Id);
        // The client cannot know which of its type conditions the new type meets, so it meets none of them.
        Assert.IsNotAssignableFrom<IGetNode_Node_Event>(node);
        Assert.IsNotAssignableFrom<IGetNode_Node_Entity>(node);
    }

    private static ISmartCityClient Client(StubHandler handler)
    {
        var services = new ServiceCollection();
        services.AddSmartCityClient().ConfigureHttpClient(
            c => c.BaseAddress = new Uri("http://graph.test/graphql"),
            builder => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        return services.BuildServiceProvider().GetRequiredService<ISmartCityClient>();
    }
}
