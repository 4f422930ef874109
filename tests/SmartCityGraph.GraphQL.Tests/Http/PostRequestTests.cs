using System.Net;
using System.Text;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Tests.Http;

public sealed class PostRequestTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    public async Task Executes_a_json_body(string contentType)
    {
        var response = await Client.PostJsonAsync("""{"query":"query Greet($name: String) { hello(name: $name) }","operationName":"Greet","variables":{"name":"Ada"}}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/graphql-response+json; charset=utf-8", response.ContentType);
        Assert.Equal("Hello, Ada!", response.Json.GetProperty("data").GetProperty("hello").GetString());
        Assert.False(response.Json.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task An_answer_is_sent_with_its_length_not_chunked()
    {
        // One segment with the headers: a chunked answer took a second send for its last chunk on every request.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Allows_null_for_every_optional_parameter()
    {
        var response = await Client.PostJsonAsync("""{"query":"{ hello }","operationName":null,"variables":null,"extensions":null}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Hello, world!", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Refuses_other_content_types_with_415(string contentType)
    {
        var response = await Client.PostJsonAsync("""{"query":"{ hello }"}""", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal(ErrorCodes.UnsupportedMediaType, response.SingleErrorCode);
    }

    [Fact]
    public async Task Refuses_a_post_without_content_type_with_415()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ hello }"}"""));
        var response = await Client.SendAsync(HttpMethod.Post, "", GraphQLHttpCall.GraphQLResponseJson, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
    }

    [Theory]
    [InlineData("")] // no body at all
    [InlineData("{ \"not a JSON")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("""{"query":null}""")]
    [InlineData("""{"notquery":"{ hello }"}""")]
    [InlineData("""{"query":{"obj":"ect"}}""")]
    [InlineData("""{"query":0}""")]
    [InlineData("""{"query":false}""")]
    [InlineData("""{"query":["array"]}""")]
    [InlineData("""{"query":"{ hello }","operationName":0}""")]
    [InlineData("""{"query":"{ hello }","operationName":{"obj":"ect"}}""")]
    [InlineData("""{"query":"{ hello }","variables":"string"}""")]
    [InlineData("""{"query":"{ hello }","variables":["array"]}""")]
    [InlineData("""{"query":"{ hello }","variables":false}""")]
    [InlineData("""{"query":"{ hello }","extensions":"string"}""")]
    [InlineData("""{"query":"{ hello }","extensions":0}""")]
    public async Task Answers_malformed_requests_with_400_bad_request_under_both_media_types(string body)
    {
        foreach (var accept in new[] { GraphQLHttpCall.GraphQLResponseJson, "application/json" })
        {
            var response = await Client.PostJsonAsync(body, accept);

            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.StartsWith(accept, response.ContentType);
            Assert.Equal(ErrorCodes.BadRequest, response.SingleErrorCode);
            Assert.False(response.Json.TryGetProperty("data", out _));
        }
    }

    [Fact]
    public async Task Refuses_batched_requests()
    {
        var response = await Client.PostJsonAsync("""[{"query":"{ hello }"},{"query":"{ hello }"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(ErrorCodes.BadRequest, response.SingleErrorCode);
        Assert.Equal("Batched requests are not supported.", response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Refuses_a_body_over_the_cap_with_413()
    {
        var response = await Client.PostJsonAsync(OversizedBody());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(ErrorCodes.PayloadTooLarge, response.SingleErrorCode);
    }

    [Fact]
    public async Task Enforces_the_cap_while_reading_when_no_content_length_is_sent()
    {
        // A non-seekable stream makes HttpClient send the body chunked, without Content-Length.
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(OversizedBody())));
        content.Headers.ContentType = new("application/json");
        var response = await Client.SendAsync(HttpMethod.Post, "", GraphQLHttpCall.GraphQLResponseJson, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal(ErrorCodes.PayloadTooLarge, response.SingleErrorCode);
    }

    [Fact]
    public async Task Accepts_a_body_just_under_the_cap()
    {
        var padding = new string(' ', 1_048_576 - 100);
        var response = await Client.PostJsonAsync($$"""{"query":"{ hello }"{{padding}}}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Refuses_other_methods_with_405(string method)
    {
        var response = await Client.SendAsync(new HttpMethod(method), "", GraphQLHttpCall.GraphQLResponseJson, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["GET", "POST"], response.ContentHeaders.Allow);
        Assert.Equal(ErrorCodes.MethodNotAllowed, response.SingleErrorCode);
    }

    [Fact]
    public async Task Refuses_an_accept_header_we_cannot_satisfy_with_406()
    {
        var response = await Client.PostJsonAsync("""{"query":"{ hello }"}""", accept: "application/xml");

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Equal(ErrorCodes.NotAcceptable, response.SingleErrorCode);
    }

    private static string OversizedBody() => $$$"""{"query":"{ hello }","extensions":{"padding":"{{{new string('x', 1_100_000)}}}"}}""";

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
