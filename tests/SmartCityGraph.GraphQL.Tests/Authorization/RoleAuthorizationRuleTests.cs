using System.Security.Claims;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Authorization;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Authorization;

/// <summary>Root fields with roles refuse, before anything runs, callers who are not signed in or lack the role.</summary>
public sealed class RoleAuthorizationRuleTests
{
    private sealed class Counter { public int Changes; }

    private static (ISchema Schema, Counter Counter) Schema()
    {
        var counter = new Counter();
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field<IntGraphType>("change").Resolve(_ => ++counter.Changes).AuthorizeWithRoles("editor", "admin");
        mutation.Field<IntGraphType>("purge").Resolve(_ => ++counter.Changes).AuthorizeWithRoles("admin");
        return (new Schema { Query = query, Mutation = mutation }, counter);
    }

    private static ClaimsPrincipal SignedIn(string role) =>
        new(new ClaimsIdentity([new Claim("name", "Ada"), new Claim("role", role)], "Bearer", "name", "role"));

    private static async Task<ExecutionResult> RunAsync(ISchema schema, string query, ClaimsPrincipal? user) =>
        await new DocumentExecuter().ExecuteAsync(new ExecutionOptions { Schema = schema, Query = query, User = user ?? new ClaimsPrincipal(new ClaimsIdentity()) }
            .AddRoleAuthorization());

    [Fact]
    public async Task Not_signed_in_is_UNAUTHENTICATED_and_nothing_runs()
    {
        var (schema, counter) = Schema();

        var result = await RunAsync(schema, "mutation { change }", null);

        Assert.Equal("UNAUTHENTICATED", Assert.Single(result.Errors!).Code);
        Assert.False(result.Executed);
        Assert.Equal(0, counter.Changes);
        Assert.Equal(401, GraphQLResponseStatus.For(result, GraphQLMediaTypes.GraphQLResponseJson));
    }

    [Fact]
    public async Task A_missing_role_is_FORBIDDEN_for_every_field_that_needs_it_and_nothing_runs_not_even_the_allowed_field()
    {
        var (schema, counter) = Schema();

        var result = await RunAsync(schema, "mutation { change purge again: purge }", SignedIn("editor"));

        Assert.Equal(["FORBIDDEN", "FORBIDDEN"], result.Errors!.Select(e => e.Code));
        Assert.Contains("'purge' needs the role admin", result.Errors![0].Message);
        Assert.Equal(0, counter.Changes);
        Assert.Equal(403, GraphQLResponseStatus.For(result, GraphQLMediaTypes.GraphQLResponseJson));
        Assert.Equal(200, GraphQLResponseStatus.For(result, GraphQLMediaTypes.Json)); // legacy clients get 200
    }

    [Fact]
    public async Task Fields_in_fragments_on_the_root_count_too()
    {
        var (schema, counter) = Schema();

        var result = await RunAsync(schema, "mutation { ...Purge } fragment Purge on Mutation { ... on Mutation { purge } }", SignedIn("editor"));

        Assert.Equal("FORBIDDEN", Assert.Single(result.Errors!).Code);
        Assert.Equal(0, counter.Changes);
    }

    [Fact]
    public async Task The_right_role_runs_and_reading_needs_none()
    {
        var (schema, counter) = Schema();

        var admin = await RunAsync(schema, "mutation { change purge }", SignedIn("admin"));
        var anonymous = await RunAsync(schema, "{ hello }", null);
        var otherOperation = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = schema, Query = "query Read { hello } mutation Write { purge }", OperationName = "Read",
            User = new ClaimsPrincipal(new ClaimsIdentity()),
        }.AddRoleAuthorization());

        Assert.Null(admin.Errors);
        Assert.Equal(2, counter.Changes);
        Assert.Null(anonymous.Errors);
        Assert.Null(otherOperation.Errors); // only the operation that runs is checked
        Assert.Contains("\"purge\":2", new GraphQLSerializer().Serialize(admin));
    }
}
