using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.GraphQL.Mutations;

namespace SmartCityGraph.GraphQL.Tests.Mutations;

/// <summary>HotChocolate's mutation conventions: input object, payload with the result and a union of typed errors.</summary>
public sealed class MutationConventionsTests
{
    private sealed class FruitGraphType : ObjectGraphType<string>
    {
        public FruitGraphType()
        {
            Name = "Fruit";
            Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source);
        }
    }

    private sealed class Fixture : Schema
    {
        public Fixture(IServiceProvider services) : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<StringGraphType>("hello").Resolve(_ => "world");
            Query = query;
            var mutation = new ObjectGraphType { Name = "Mutation" };
            mutation.AddConventionMutation("renameFruit", "Renames a fruit.",
                [
                    new FieldType { Name = "name", Type = typeof(NonNullGraphType<StringGraphType>) },
                    new FieldType { Name = "note", Type = typeof(StringGraphType) },
                ],
                "fruit", typeof(FruitGraphType), "The renamed fruit.",
                (_, input) => Task.FromResult(input.Get<string>("name") switch
                {
                    "" => MutationPayload.Failure([new ValidationFailure("A name is required.", "name")]),
                    "gone" => MutationPayload.Failure([new NotFoundFailure("No such fruit.", "RnJ1aXQ6Z29uZQ==")]),
                    "stale" => MutationPayload.Failure([new ConflictFailure("Changed meanwhile.", 7)]),
                    var name => MutationPayload.Success(name + (input.Has("note") ? $" ({input.Get<string>("note") ?? "no note"})" : "")),
                }));
            Mutation = mutation;
        }
    }

    private static async Task<string> RunAsync(string query)
    {
        var services = new ServiceCollection().AddMutationGraphTypes().AddTransient<FruitGraphType>().BuildServiceProvider();
        var result = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions { Schema = new Fixture(services), Query = query, RequestServices = services });
        return new GraphQLSerializer().Serialize(result);
    }

    private const string Selection = "{ fruit { name } errors { __typename ... on Error { message } ... on ValidationError { field } ... on NotFoundError { id } ... on ConflictError { currentVersion } } }";

    [Fact]
    public void The_schema_has_the_input_the_payload_and_the_error_union()
    {
        var services = new ServiceCollection().AddMutationGraphTypes().AddTransient<FruitGraphType>().BuildServiceProvider();
        var sdl = new Fixture(services).Print();

        Assert.Contains("renameFruit(input: RenameFruitInput!): RenameFruitPayload!", sdl);
        Assert.Contains("union RenameFruitError = ValidationError | NotFoundError | ConflictError", sdl);
        Assert.Contains("errors: [RenameFruitError!]", sdl);
        Assert.Contains("type ValidationError implements Error", sdl);
    }

    [Fact]
    public async Task Success_has_the_result_and_null_errors_and_absent_differs_from_null()
    {
        Assert.Equal("""{"data":{"renameFruit":{"fruit":{"name":"Pear"},"errors":null}}}""",
            await RunAsync("mutation { renameFruit(input: { name: \"Pear\" }) " + Selection + " }"));
        Assert.Equal("""{"data":{"renameFruit":{"fruit":{"name":"Pear (no note)"},"errors":null}}}""",
            await RunAsync("mutation { renameFruit(input: { name: \"Pear\", note: null }) " + Selection + " }"));
    }

    [Theory]
    [InlineData("", """{"__typename":"ValidationError","message":"A name is required.","field":"name"}""")]
    [InlineData("gone", """{"__typename":"NotFoundError","message":"No such fruit.","id":"RnJ1aXQ6Z29uZQ=="}""")]
    [InlineData("stale", """{"__typename":"ConflictError","message":"Changed meanwhile.","currentVersion":7}""")]
    public async Task A_refusal_is_a_typed_error_in_the_payload(string name, string error) =>
        Assert.Equal("""{"data":{"renameFruit":{"fruit":null,"errors":[""" + error + "]}}}",
            await RunAsync($"mutation {{ renameFruit(input: {{ name: \"{name}\" }}) {Selection} }}"));
}
