using System.Diagnostics;
using System.Net;
using GraphQL;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Http;
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

/// <summary>The time limit covers parsing and validation, which GraphQL.NET does not interrupt.</summary>
public sealed class ValidationTimeoutTests
{
    [Fact]
    public async Task A_document_that_is_slow_to_validate_is_answered_with_timeout_within_the_limit()
    {
        var validation = new SlowValidation(TimeSpan.FromSeconds(6));
        await using var server = await ToyGraphQLServer.StartAsync(
            options => options.ExecutionTimeout = TimeSpan.FromSeconds(1),
            services => services.AddSingleton<IGraphQLRequestInterceptor>(validation));

        var stopwatch = Stopwatch.StartNew();
        var response = await server.Client.PostQueryAsync("{ hello }");

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal(ErrorCodes.Timeout, response.SingleErrorCode);
        Assert.True(validation.Finished.Wait(TimeSpan.FromSeconds(15)), "the cut-off validation never finished");
    }

    /// <summary>A validation rule that keeps its thread busy, as validating a hostile document does.</summary>
    private sealed class SlowValidation(TimeSpan duration) : IGraphQLRequestInterceptor, IValidationRule
    {
        public ManualResetEventSlim Finished { get; } = new();

        public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
        {
            options.ValidationRules = DocumentValidator.CoreRules.Append(this);
            return ValueTask.CompletedTask;
        }

        public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            Thread.Sleep(duration);
            Finished.Set();
            return default;
        }

        public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

        public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
    }
}
