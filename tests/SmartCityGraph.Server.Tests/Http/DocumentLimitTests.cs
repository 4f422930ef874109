using System.Diagnostics;
using SmartCityGraph.Server.Tests.Infrastructure;

namespace SmartCityGraph.Server.Tests.Http;

/// <summary>
/// Documents built to make parsing or validation expensive are refused before validation with
/// GRAPHQL_DOCUMENT_TOO_LARGE (or answered), quickly. Regression: the 50,000-field document kept a core busy
/// for about a minute and got no answer within 15 s.
/// </summary>
public sealed class DocumentLimitTests(SeededSqliteServer server) : IClassFixture<SeededSqliteServer>
{
    private const string TooLarge = "GRAPHQL_DOCUMENT_TOO_LARGE";

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    [Fact]
    public async Task The_50000_field_document_is_refused_within_a_second()
    {
        (await server.Http.PostGraphQLAsync("{ events { totalCount } }")).AssertNoErrors(); // the server is up and warm
        var document = "{ events { totalCount " + Repeat("totalCount ", 50_000) + "} }";

        var stopwatch = Stopwatch.StartNew();
        var answer = await server.Http.PostGraphQLAsync(document);
        stopwatch.Stop();

        Assert.Equal(400, answer.Status);
        Assert.Equal([TooLarge], answer.ErrorCodes);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    public static TheoryData<string, string> ExpensiveShapes => new()
    {
        { "one field 1,900 times (within the token limit)", "{ events { " + Repeat("totalCount ", 1_900) + "} }" },
        { "fragments spread into each other, 2^30 fields", "{ ...F0 } "
            + string.Concat(Enumerable.Range(0, 30).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} ")) + "fragment F30 on Query { events { totalCount } }" },
        { "one alias over 600 differing arguments", "{ " + string.Join(' ', Enumerable.Range(1, 600).Select(i => $"a: events(first: {i}) {{ totalCount }}")) + " }" },
        { "one alias over 999 identical fields with sub-selections", "{ " + Repeat("a: events(first: 1) { totalCount } ", 999) + "}" },
        { "400 distinct fragments spread into one selection set", "{ events { " + string.Join(' ', Enumerable.Range(0, 400).Select(i => "...F" + i)) + " } } "
            + string.Concat(Enumerable.Range(0, 400).Select(i => $"fragment F{i} on EventsConnection {{ a{i}: totalCount }} ")) },
        { "a 500,000-digit number", "{ events(first: 1" + new string('0', 500_000) + ") { totalCount } }" },
        { "2,100 distinct aliases", "{ events { " + string.Join(' ', Enumerable.Range(0, 2_100).Select(i => $"a{i}: totalCount")) + " } }" },
    };

    [Theory]
    [MemberData(nameof(ExpensiveShapes))]
    public async Task An_expensive_shape_is_refused_before_validation(string why, string document)
    {
        var stopwatch = Stopwatch.StartNew();
        var answer = await server.Http.PostGraphQLAsync(document);

        Assert.True(answer.Status == 400, $"{why}: {answer.Status} {answer.Body[..Math.Min(300, answer.Body.Length)]}");
        Assert.Equal([TooLarge], answer.ErrorCodes);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"{why}: took {stopwatch.Elapsed}");
    }

    public static TheoryData<string, string, string> ShapesThatValidationRefuses => new()
    {
        { "lists nested 60 deep for an Int", "{ events(first: " + Repeat("[", 60) + "1" + Repeat("]", 60) + ") { totalCount } }", "GRAPHQL_VALIDATION_FAILED" },
        { "a filter nested 30 levels", "{ events(where: " + Repeat("{ and: [", 30) + "{ title: { eq: \"x\" } }" + Repeat("] }", 30) + ") { totalCount } }", "" },
        { "a fragment spread inside itself", "{ events { ...A } } fragment A on EventsConnection { nodes { phase { events { ...A } } } }", "GRAPHQL_VALIDATION_FAILED" },
        { "a 300,000-character search string", "{ search(query: \"" + new string('a', 300_000) + "\") { totalCount } }", "INVALID_INPUT" },
    };

    [Theory]
    [MemberData(nameof(ShapesThatValidationRefuses))]
    public async Task Other_hostile_shapes_get_a_coded_answer_quickly(string why, string document, string code)
    {
        var stopwatch = Stopwatch.StartNew();
        var answer = await server.Http.PostGraphQLAsync(document);

        Assert.True(answer.Status < 500, why);
        if (code.Length == 0) answer.AssertNoErrors();
        else Assert.True(answer.ErrorCodes.Contains(code), $"{why}: {answer.Body[..Math.Min(300, answer.Body.Length)]}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"{why}: took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Deeply_nested_json_variables_are_refused_by_the_transport()
    {
        var variables = "{\"w\": " + Repeat("{\"and\": [", 70) + "{}" + Repeat("]}", 70) + "}";
        using var content = new StringContent("{\"query\": \"query($w: EventFilterInput) { events(where: $w) { totalCount } }\", \"variables\": " + variables + "}",
            System.Text.Encoding.UTF8, "application/json");

        using var response = await server.Http.PostAsync("/graphql", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("BAD_REQUEST", await response.Content.ReadAsStringAsync());
    }
}
