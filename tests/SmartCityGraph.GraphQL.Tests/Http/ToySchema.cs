using GraphQL;
using GraphQL.Types;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>A tiny schema with one field per behaviour the transport must handle.</summary>
public sealed class ToySchema : Schema
{
    public const string SecretExceptionText = "connection string Password=hunter2; SELECT * FROM secrets";

    public ToySchema(IServiceProvider services) : base(services)
    {
        Query = new ToyQuery();
        Mutation = new ToyMutation();
        Subscription = new Subscriptions.ToySubscription();
    }

    private sealed class ToyQuery : ObjectGraphType
    {
        public ToyQuery()
        {
            Name = "Query";
            Field<StringGraphType>("hello")
                .Argument<StringGraphType>("name")
                .Resolve(context => $"Hello, {context.GetArgument<string?>("name") ?? "world"}!");
            Field<StringGraphType>("boom")
                .Resolve(_ => throw new InvalidOperationException(SecretExceptionText));
            Field<StringGraphType>("databaseTimeout")
                .Resolve(_ => throw new TimeoutException(SecretExceptionText));
            Field<StringGraphType>("invalidInput")
                .Resolve(_ => throw GraphQLRequestException.InvalidInput("The input is not acceptable."));
            Field<StringGraphType>("slowThenFails")
                .Description("Like an interrupted SQL statement: when cancelled it fails with its own error, not a cancellation.")
                .ResolveAsync(async context =>
                {
                    try { await Task.Delay(60_000, context.CancellationToken); }
                    catch (OperationCanceledException) { throw new InvalidOperationException("interrupted"); }
                    return "never";
                });
            Field<StringGraphType>("slow")
                .Argument<IntGraphType>("milliseconds")
                .ResolveAsync(async context =>
                {
                    await Task.Delay(context.GetArgument("milliseconds", 60_000), context.CancellationToken);
                    return "finally";
                });
            Field<StringGraphType>("userContextKind")
                .Resolve(context => context.UserContext.GetType().Name);
        }
    }

    private sealed class ToyMutation : ObjectGraphType
    {
        public ToyMutation()
        {
            Name = "Mutation";
            Field<BooleanGraphType>("noop").Resolve(_ => true);
        }
    }
}
