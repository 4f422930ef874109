using GraphQL.Execution;
using GraphQLParser.AST;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Limits;
using SmartCityGraph.GraphQL.Tests.Cost;

namespace SmartCityGraph.GraphQL.Tests.Limits;

public sealed class DocumentLimitsTests
{
    private static readonly LimitedDocumentBuilder Builder = new(new DocumentLimitOptions());

    private static GraphQLDocument Parse(string text) => new GraphQLDocumentBuilder().Build(text);

    private static string RefusalOf(string text)
    {
        var error = Assert.IsType<GraphQLRequestException>(Record.Exception(() => Builder.Build(text)));
        Assert.Equal(ErrorCodes.DocumentTooLarge, error.Code);
        return error.Message;
    }

    [Fact]
    public void Tokens_are_counted_without_comments_and_the_count_stops_past_the_limit()
    {
        Assert.Equal(11, DocumentSize.CountTokens("{ a(x: 1) { b } } # a comment with words", stopAfter: 100));
        Assert.Equal(11, DocumentSize.CountTokens("{ " + string.Concat(Enumerable.Repeat("a ", 1_000_000)) + "}", stopAfter: 10));
    }

    [Fact]
    public void A_lexical_error_ends_the_count_and_is_left_to_the_parser()
    {
        Assert.Equal(2, DocumentSize.CountTokens("{ a \"unterminated", stopAfter: 100));
        Assert.Throws<SyntaxError>(() => Builder.Build("{ a \"unterminated"));
    }

    [Fact]
    public void Fields_count_nested_selections_and_each_spread_of_a_fragment()
    {
        Assert.Equal(3, DocumentSize.CountFields(Parse("{ a { b c } }")));
        Assert.Equal(1 + 2 * 2, DocumentSize.CountFields(Parse("{ a { ...F ... on T { ...F } } } fragment F on T { b c }")));
    }

    [Fact]
    public void Fragments_spread_into_each_other_count_exponentially_and_are_refused()
    {
        var fragments = string.Concat(Enumerable.Range(0, 40).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} "));
        var text = "{ ...F0 } " + fragments + "fragment F40 on Query { a }";

        Assert.Equal(1L << 40, DocumentSize.CountFields(Parse(text)));
        Assert.Contains("1,099,511,627,776 fields", RefusalOf(text));
    }

    [Fact]
    public void A_fragment_cycle_counts_once_and_is_left_to_validation()
    {
        var document = Parse("{ a { ...A } } fragment A on T { b { ...A } }");

        Assert.Equal(2, DocumentSize.CountFields(document, out var cycle));
        Assert.True(cycle);
        Assert.NotNull(Builder.Build("{ a { ...A } } fragment A on T { b { ...A } }"));
    }

    [Fact]
    public void The_50000_field_document_is_refused_for_its_tokens()
    {
        var text = "{ events { totalCount " + string.Concat(Enumerable.Repeat("totalCount ", 50_000)) + "} }";

        Assert.InRange(text.Length, 500_000, 700_000);
        Assert.Contains("more than 15000 tokens", RefusalOf(text));
    }

    [Fact]
    public void More_fields_than_allowed_are_refused_even_within_the_token_limit()
    {
        var builder = new LimitedDocumentBuilder(new DocumentLimitOptions { MaxFields = 10 });
        var text = "{ " + string.Join(' ', Enumerable.Range(0, 11).Select(i => "a" + i)) + " }";

        var error = Assert.IsType<GraphQLRequestException>(Record.Exception(() => builder.Build(text)));
        Assert.Contains("11 fields", error.Message);
        builder.Build("{ " + string.Join(' ', Enumerable.Range(0, 10).Select(i => "a" + i)) + " }");
    }

    [Fact]
    public void A_response_name_repeated_in_one_selection_set_is_counted_across_fragments_and_merged_parents()
    {
        var (name, count) = DocumentSize.MostRepeatedResponseName(Parse("{ a { x } a { x ...F } ... on Query { a { x } } } fragment F on T { x x }"));

        Assert.Equal(("x", 5), (name, count));
    }

    [Fact]
    public void Many_aliases_of_one_name_with_differing_arguments_are_refused_before_validation_compares_their_pairs()
    {
        var text = "{ " + string.Join(' ', Enumerable.Range(1, 31).Select(i => $"a: events(first: {i}) {{ totalCount }}")) + " }";

        Assert.Contains("'a' 31 times", RefusalOf(text));
        Builder.Build("{ " + string.Join(' ', Enumerable.Range(1, 30).Select(i => $"a: events(first: {i}) {{ totalCount }}")) + " }");
    }

    [Fact]
    public void Many_fragments_spread_into_one_selection_set_are_refused()
    {
        var text = "{ events { " + string.Join(' ', Enumerable.Range(0, 51).Select(i => "...F" + i)) + " } } "
            + string.Concat(Enumerable.Range(0, 51).Select(i => $"fragment F{i} on Events {{ a{i}: totalCount }} "));

        Assert.Contains("51 fragments", RefusalOf(text));
    }

    [Fact]
    public void A_huge_number_literal_is_refused_before_anything_converts_it()
    {
        Assert.Contains("500001 characters", RefusalOf("{ events(first: 1" + new string('0', 500_000) + ") { totalCount } }"));
        Assert.Contains("characters", RefusalOf("{ a(x: 1." + new string('5', 200) + "e10) }"));
    }

    [Fact]
    public void GraphiQLs_introspection_query_fits_comfortably()
    {
        var document = Builder.Build(IntrospectionQueries.GraphQLJs16);

        Assert.InRange(DocumentSize.CountFields(document), 50, 500);
    }
}
