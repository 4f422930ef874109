using System.Net;
using GraphQL;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Http;

public sealed class RequestInterceptorTests
{
    [Fact]
    public async Task Interceptors_see_the_request_add_validation_rules_and_extend_the_result()
    {
        await using var server = await ToyGraphQLServer.StartAsync(addServices: services =>
        {
            services.AddSingleton<IGraphQLRequestInterceptor, CountingInterceptor>();
            services.AddSingleton<IGraphQLRequestInterceptor, ResultOnlyInterceptor>();
        });

        var ok = await server.Client.PostQueryAsync("{ userContextKind }");
        var refused = await server.Client.PostJsonAsync("""{"query":"{ hello }","extensions":{"refuse":true}}""");

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("ConcurrentDictionary`2", ok.Json.GetProperty("data").GetProperty("userContextKind").GetString());
        Assert.Equal(0, ok.Json.GetProperty("extensions").GetProperty("sqlStatements").GetInt32());
        Assert.Equal("POST", ok.Json.GetProperty("extensions").GetProperty("method").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(ErrorCodes.CostLimitExceeded, refused.SingleErrorCode);
        Assert.Equal(0, refused.Json.GetProperty("extensions").GetProperty("sqlStatements").GetInt32());
    }

    private sealed class CountingInterceptor : IGraphQLRequestInterceptor
    {
        public ValueTask OnRequestAsync(HttpContext context, ExecutionOptions options)
        {
            options.UserContext["sqlStatements"] = 0;
            if (options.Extensions?.ContainsKey("refuse") == true)
                options.ValidationRules = [.. DocumentValidator.CoreRules, new RefuseEverythingRule()];
            return ValueTask.CompletedTask;
        }

        public ValueTask OnResultAsync(HttpContext context, ExecutionOptions options, ExecutionResult result)
        {
            (result.Extensions ??= [])["sqlStatements"] = options.UserContext["sqlStatements"];
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Implements only one of the two hooks: the other has a default.</summary>
    private sealed class ResultOnlyInterceptor : IGraphQLRequestInterceptor
    {
        public ValueTask OnResultAsync(HttpContext context, ExecutionOptions options, ExecutionResult result)
        {
            (result.Extensions ??= [])["method"] = context.Request.Method;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RefuseEverythingRule : ValidationRuleBase
    {
        public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
        {
            context.ReportError(new ValidationError("Too expensive.") { Code = ErrorCodes.CostLimitExceeded });
            return default;
        }
    }
}
