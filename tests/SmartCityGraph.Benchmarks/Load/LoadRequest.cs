using System.Net.Http.Headers;
using System.Text.Json;

namespace SmartCityGraph.Benchmarks.Load;

/// <summary>One request, ready to be sent many times: a GraphQL POST (body prepared once) or a plain GET.</summary>
internal sealed record LoadRequest(string Label, HttpMethod Method, string Path, byte[]? Body)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public bool IsGraphQL => Body is not null;

    public static LoadRequest GraphQL(string label, string query, object? variables = null) =>
        new(label, HttpMethod.Post, "graphql", JsonSerializer.SerializeToUtf8Bytes(new { query, variables }));

    public static LoadRequest Get(string label, string path) => new(label, HttpMethod.Get, path, null);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = Json;
            message.Headers.TryAddWithoutValidation("Accept", "application/graphql-response+json, application/json");
        }
        return message;
    }
}
