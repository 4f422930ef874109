using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Http;

public sealed class GraphQLHttpOptionsTests
{
    [Fact]
    public void Defaults_match_the_contract()
    {
        var options = new GraphQLHttpOptions();

        Assert.Equal("/graphql", options.Path);
        Assert.Equal(1_048_576, options.MaxRequestBytes);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ExecutionTimeout);
        Assert.Null(options.IdeHtmlProvider);
    }
}
