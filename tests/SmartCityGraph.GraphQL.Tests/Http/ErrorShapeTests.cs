using System.Net;
using System.Text.Json;
using SmartCityGraph.GraphQL.Errors;
using SmartCityGraph.GraphQL.Http;

namespace SmartCityGraph.GraphQL.Tests.Http;

/// <summary>Every error is message + extensions.code (+ locations/path), and nothing internal leaks.</summary>
public sealed class ErrorShapeTests(ToyServerFixture fixture) : IClassFixture<ToyServerFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task An_unexpected_exception_becomes_an_internal_error_with_a_trace_id_and_is_logged()
    {
        var response = await Client.PostQueryAsync("{ hello boom }");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var error = Assert.Single(response.Errors);
        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith(GraphQLErrorInfoProvider.UnexpectedErrorMessage + " Trace id: ", message);
        AssertOnlyCode(error, ErrorCodes.InternalError);
        Assert.DoesNotContain("hunter2", response.Body);
        Assert.DoesNotContain("InvalidOperationException", response.Body);
        Assert.DoesNotContain("SELECT", response.Body);
        Assert.Equal("boom", Assert.Single(error.GetProperty("path").EnumerateArray()).GetString());
        Assert.Equal(1, error.GetProperty("locations")[0].GetProperty("line").GetInt32());

        var traceId = message[(GraphQLErrorInfoProvider.UnexpectedErrorMessage + " Trace id: ").Length..];
        Assert.Contains(CapturingLoggerProvider.Instance.Entries, entry =>
            entry.Message.Contains(traceId) && entry.Exception?.Message == ToySchema.SecretExceptionText);
    }

    [Fact]
    public async Task An_unexpected_exception_named_like_a_contract_code_is_still_an_internal_error()
    {
        // GraphQL.NET would derive the code TIMEOUT from System.TimeoutException's name.
        var response = await Client.PostQueryAsync("{ databaseTimeout }");

        var error = Assert.Single(response.Errors);
        AssertOnlyCode(error, ErrorCodes.InternalError);
        Assert.StartsWith(GraphQLErrorInfoProvider.UnexpectedErrorMessage, error.GetProperty("message").GetString());
        Assert.DoesNotContain("hunter2", response.Body);
    }

    [Fact]
    public async Task A_contract_error_passes_unchanged()
    {
        var response = await Client.PostQueryAsync("{ invalidInput }");

        var error = Assert.Single(response.Errors);
        Assert.Equal("The input is not acceptable.", error.GetProperty("message").GetString());
        AssertOnlyCode(error, ErrorCodes.InvalidInput);
        Assert.Equal("invalidInput", error.GetProperty("path")[0].GetString());
    }

    [Theory]
    [InlineData("{", ErrorCodes.ParseFailed)]
    [InlineData("{ noSuchField }", ErrorCodes.ValidationFailed)]
    [InlineData("{ hello(unknown: 1) }", ErrorCodes.ValidationFailed)]
    public async Task Document_errors_carry_only_their_contract_code_and_locations(string query, string code)
    {
        var response = await Client.PostQueryAsync(query);

        foreach (var error in response.Errors)
        {
            AssertOnlyCode(error, code);
            Assert.True(error.TryGetProperty("locations", out _));
        }
        Assert.NotEmpty(response.Errors);
    }

    [Fact]
    public async Task Transport_errors_have_the_same_shape()
    {
        var response = await Client.PostJsonAsync("[]");

        AssertOnlyCode(Assert.Single(response.Errors), ErrorCodes.BadRequest);
    }

    private static void AssertOnlyCode(JsonElement error, string code)
    {
        var extensions = error.GetProperty("extensions");
        var member = Assert.Single(extensions.EnumerateObject());
        Assert.Equal("code", member.Name);
        Assert.Equal(code, member.Value.GetString());
        Assert.All(error.EnumerateObject(), property => Assert.Contains(property.Name, new[] { "message", "locations", "path", "extensions" }));
    }
}
