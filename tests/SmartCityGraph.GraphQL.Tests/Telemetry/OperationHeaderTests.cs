using SmartCityGraph.GraphQL.Telemetry;

namespace SmartCityGraph.GraphQL.Tests.Telemetry;

public sealed class OperationHeaderTests
{
    [Theory]
    [InlineData("query Pilots { pilots { nope } }", null, "query", "Pilots")]
    [InlineData("{ nope }", null, "query", "(anonymous)")]
    [InlineData("query { nope }", null, "query", "(anonymous)")]
    [InlineData("mutation Change($id: ID!) { x }", null, "mutation", "Change")]
    [InlineData("query A { a } query B { b }", "B", "query", "B")]
    [InlineData("# only a comment", null, "none", "(unparsed)")]
    [InlineData("{ \"unterminated", null, "query", "(anonymous)")]
    [InlineData("\"unterminated", "X", "none", "X")]
    [InlineData(null, null, "none", "(unparsed)")]
    public void The_header_is_read_from_the_tokens(string? text, string? operationName, string type, string name) =>
        Assert.Equal((type, name), OperationHeader.Of(text, operationName));
}
