using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client.Sample;

namespace SmartCityGraph.Client.Tests.Runtime;

/// <summary>
/// GetEvents' $where and $order as the project's generated client sends them: GraphQL field names and
/// enum values, and nothing for what the caller left unset — on this server <c>eq: null</c> means "has
/// no value" and <c>gte: null</c> is an error, so an unset operator sent as null would change the answer.
/// </summary>
public sealed class FilterVariablesTests
{
    private const string NoEvents = """{"data":{"events":{"totalCount":0,"pageInfo":{"hasNextPage":false,"endCursor":null},"nodes":[]}}}""";

    [Fact]
    public async Task A_filter_with_only_category_set_sends_only_category()
    {
        var variables = await SentVariablesAsync(client => client.GetEvents.ExecuteAsync(
            first: 5,
            where: new EventFilterInput { Category = new EventCategoryOperationFilterInput { Eq = EventCategory.Participation } },
            order: [new EventSortInput { StartDate = SortEnumType.Desc }]));

        Assert.Equal("""{"first":5,"where":{"category":{"eq":"PARTICIPATION"}},"order":[{"startDate":"DESC"}]}""", variables);
    }

    [Fact]
    public async Task Nested_and_or_relation_and_date_conditions_keep_their_GraphQL_names()
    {
        var variables = await SentVariablesAsync(client => client.GetEvents.ExecuteAsync(where: new EventFilterInput
        {
            StartDate = new DateOperationFilterInput { Gte = new DateOnly(2021, 3, 1), Lt = new DateOnly(2021, 6, 1) },
            Or =
            [
                new EventFilterInput { Organisers = new ListFilterInputTypeOfOrganisationFilterInput { Some = new OrganisationFilterInput { Type = new OrganisationTypeOperationFilterInput { Eq = OrganisationType.CivilSociety } } } },
                new EventFilterInput { Type = new EventTypeOperationFilterInput { In = [EventType.OnlineConsultation, EventType.Workshop] } },
            ],
        }));

        Assert.Equal(
            """{"where":{"or":[{"organisers":{"some":{"type":{"eq":"CIVIL_SOCIETY"}}}},{"type":{"in":["ONLINE_CONSULTATION","WORKSHOP"]}}],"startDate":{"gte":"2021-03-01","lt":"2021-06-01"}}}""",
            variables);
    }

    [Fact]
    public async Task The_old_two_argument_call_sends_no_where_and_no_order()
    {
        var variables = await SentVariablesAsync(client => client.GetEvents.ExecuteAsync(2, null));

        Assert.Equal("""{"first":2}""", variables);
    }

    [Fact]
    public async Task A_variable_set_to_null_in_the_variables_struct_is_sent_as_null_and_one_not_set_is_left_out()
    {
        var variables = await SentVariablesAsync(client => client.GetEvents.ExecuteAsync(new GetEventsVariables { First = 2, After = null, Where = null }));

        Assert.Equal("""{"first":2,"after":null,"where":null}""", variables);
    }

    [Fact]
    public async Task The_variables_struct_sends_what_it_holds_with_the_GraphQL_names()
    {
        var variables = await SentVariablesAsync(client => client.GetEvents.ExecuteAsync(new GetEventsVariables
        {
            Where = new EventFilterInput { Category = new EventCategoryOperationFilterInput { Eq = EventCategory.Network } },
            Order = [new EventSortInput { StartDate = SortEnumType.Asc }],
        }));

        Assert.Equal("""{"where":{"category":{"eq":"NETWORK"}},"order":[{"startDate":"ASC"}]}""", variables);
    }

    [Fact]
    public async Task A_required_variable_left_null_in_the_struct_is_refused_before_sending()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => SentVariablesAsync(client => client.GetNode.ExecuteAsync(default(GetNodeVariables))));
        Assert.Contains("$id", error.Message);
    }

    private static async Task<string> SentVariablesAsync(Func<ISmartCityClient, Task> call)
    {
        var handler = new StubHandler(HttpStatusCode.OK, NoEvents, "application/json");
        var services = new ServiceCollection();
        services.AddSmartCityClient().ConfigureHttpClient(
            c => c.BaseAddress = new Uri("http://graph.test/graphql"),
            builder => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();

        await call(provider.GetRequiredService<ISmartCityClient>());

        using var body = JsonDocument.Parse(handler.LastBody!);
        return body.RootElement.GetProperty("variables").GetRawText();
    }
}
