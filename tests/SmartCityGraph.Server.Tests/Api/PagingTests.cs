using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Api;

public abstract class PagingTests(SeededServer server)
{
    private async Task<(List<string> Ids, int Total)> WalkAsync(string connection, bool backward, int size)
    {
        var ids = new List<string>();
        string? cursor = null;
        int total;
        while (true)
        {
            var query = backward
                ? $"query($c: String) {{ {connection}(last: {size}, before: $c) {{ totalCount nodes {{ id }} pageInfo {{ hasPreviousPage startCursor }} }} }}"
                : $"query($c: String) {{ {connection}(first: {size}, after: $c) {{ totalCount nodes {{ id }} pageInfo {{ hasNextPage endCursor }} }} }}";
            var page = (await server.Http.PostGraphQLAsync(query, new { c = cursor })).AssertNoErrors().Data[connection]!;
            total = page["totalCount"]!.GetValue<int>();
            var pageIds = page["nodes"].Items().Select(n => n["id"].Text()).ToList();
            ids.InsertRange(backward ? 0 : ids.Count, pageIds);
            var info = page["pageInfo"]!;
            if (!info[backward ? "hasPreviousPage" : "hasNextPage"]!.GetValue<bool>()) break;
            cursor = info[backward ? "startCursor" : "endCursor"].Text();
        }
        return (ids, total);
    }

    [SkippableTheory]
    [InlineData("events", 7)]
    [InlineData("organisations", 10)]
    [InlineData("phases", 3)]
    public async Task Forward_and_backward_paging_visit_every_node_once_in_the_same_order(string connection, int size)
    {
        var forward = await WalkAsync(connection, backward: false, size);
        var backward = await WalkAsync(connection, backward: true, size);

        Assert.Equal(forward.Total, forward.Ids.Count);
        Assert.Equal(forward.Ids.Count, forward.Ids.Distinct().Count());
        Assert.Equal(forward.Ids, backward.Ids);
    }

    [SkippableFact]
    public async Task A_page_larger_than_100_is_refused()
    {
        var answer = await server.Http.PostGraphQLAsync("{ events(first: 101) { nodes { id } } }");
        Assert.Contains("PAGE_SIZE_EXCEEDED", answer.ErrorCodes);
    }

    [SkippableTheory]
    [InlineData("{ events(first: -1) { nodes { id } } }")]
    [InlineData("{ events(first: 5, last: 5) { nodes { id } } }")]
    [InlineData("{ events(after: \"Zm9yZ2VkIQ==\") { nodes { id } } }")]
    public async Task Bad_paging_arguments_are_INVALID_INPUT(string query)
    {
        var answer = await server.Http.PostGraphQLAsync(query);
        Assert.Equal(["INVALID_INPUT"], answer.ErrorCodes);
    }

    [SkippableFact]
    public async Task A_cursor_from_another_connection_is_refused()
    {
        var cursor = (await server.Http.PostGraphQLAsync("{ organisations(first: 1) { pageInfo { endCursor } } }"))
            .Data["organisations"]!["pageInfo"]!["endCursor"].Text();

        var answer = await server.Http.PostGraphQLAsync("query($c: String) { events(after: $c) { nodes { id } } }", new { c = cursor });

        Assert.Equal(["INVALID_INPUT"], answer.ErrorCodes);
    }
}

public sealed class PagingTestsOnSqlite(SeededSqliteServer server) : PagingTests(server), IClassFixture<SeededSqliteServer>;

public sealed class PagingTestsOnPostgres(SeededPostgresServer server) : PagingTests(server), IClassFixture<SeededPostgresServer>;
