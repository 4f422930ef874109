using Snapshooter;
using Snapshooter.Xunit;

namespace SmartCityGraph.Client.Tests.Generator;

/// <summary>Subscription operations become IAsyncEnumerable methods over the client's subscription executor.</summary>
public sealed class GeneratorSubscriptionTests
{
    private const string Schema = TestDocuments.Schema + """

        type Subscription { fruitRipened(colours: [Colour!]): Fruit! }
        """;

    private const string Operation = """
        subscription OnRipened($colours: [Colour!]) { fruitRipened(colours: $colours) { id name colour } }
        """;

    [Fact]
    public void A_subscription_is_generated_as_SubscribeAsync_returning_an_async_stream_of_results()
    {
        const string userCode = """
            namespace Demo;
            public static class Usage
            {
                public static async System.Threading.Tasks.Task<int> CountAsync(ISmartCityClient client, System.Threading.CancellationToken cancellationToken)
                {
                    var names = 0;
                    await foreach (var result in client.OnRipened.SubscribeAsync(null, cancellationToken))
                        names += result.Data?.FruitRipened.Name.Length ?? 0;
                    return names;
                }
            }
            """;

        var run = GeneratorRunner.Run([("/demo/schema.graphql", Schema), ("/demo/OnRipened.graphql", Operation)], userCode: userCode);

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Match(run.AllSources(), SnapshotNameExtension.Create("Subscription"));
    }

    [Fact]
    public void A_subscription_against_a_schema_without_subscriptions_is_a_build_error()
    {
        var run = GeneratorRunner.Run([("/demo/schema.graphql", TestDocuments.Schema), ("/demo/OnRipened.graphql", Operation)]);

        Assert.Contains(run.Diagnostics, d => d.GetMessage().Contains("The schema has no subscription type", StringComparison.Ordinal));
    }
}
