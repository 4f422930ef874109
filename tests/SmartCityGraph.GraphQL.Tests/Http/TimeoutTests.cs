using System.Diagnostics;
using System.Net;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Tests.Http;

public sealed class TimeoutTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    [Theory]
    [InlineData(GraphQLHttpCall.GraphQLResponseJson)]
    [InlineData("application/json")]
    public async Task A_request_running_past_the_execution_timeout_is_cancelled_and_answered_with_timeout(string accept)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await fixture.Server.Client.PostQueryAsync("{ slow }", accept: accept); // the field waits 60 s

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.Status); // execution began: data is null, not absent
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json.GetProperty("data").ValueKind);
        Assert.Equal(ErrorCodes.Timeout, response.SingleErrorCode);
    }

    [Fact]
    public async Task Work_that_fails_because_the_deadline_cut_it_off_is_answered_with_timeout()
    {
        // Regression: an interrupted SQL statement surfaced as INTERNAL_SERVER_ERROR, not TIMEOUT.
        var response = await fixture.Server.Client.PostQueryAsync("{ slowThenFails }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(ErrorCodes.Timeout, response.SingleErrorCode);
    }

    [Fact]
    public async Task A_request_within_the_timeout_completes()
    {
        var response = await fixture.Server.Client.PostQueryAsync("{ slow(milliseconds: 50) }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("finally", response.Json.GetProperty("data").GetProperty("slow").GetString());
    }
}
