using System.Text;
using System.Text.Json;

namespace SmartCityGraph.Server.Tests.Hostile;

/// <summary>
/// What a hostile request must get: a correct answer (200, data, no errors) or a coded error (one of the codes, and the
/// status when given). Never a 5xx, never silence past the time limit.
/// </summary>
public sealed record Expectation(bool Answer, IReadOnlySet<string> Codes, int? Status)
{
    public static readonly Expectation Ok = new(true, new HashSet<string>(), 200);

    public static Expectation Error(string code, int? status = null) => new(false, new HashSet<string> { code }, status);

    public static Expectation AnyOf(int? status, params string[] codes) => new(false, codes.ToHashSet(), status);

    /// <summary>Either a correct answer or one of <paramref name="codes"/>: for requests whose sense is debatable, not their safety.</summary>
    public static Expectation AnswerOr(params string[] codes) => new(true, codes.ToHashSet(), null);

    public override string ToString() =>
        (Answer ? "an answer" + (Codes.Count > 0 ? " or " : "") : "") + string.Join("|", Codes) + (Status is { } s ? " " + s : "");
}

/// <summary>One request of the corpus: how it is sent and what it must get.</summary>
public sealed record HostileCase(string Category, string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType,
    IReadOnlyDictionary<string, string> Headers, Expectation Expect)
{
    public const string Accept = "application/graphql-response+json";

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        if (!Headers.ContainsKey("Accept"))
            request.Headers.TryAddWithoutValidation("Accept", Accept);
        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public override string ToString() => $"[{Category}] {Name}";

    public static HostileCase Post(string category, string name, string json, Expectation expect, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        new(category, name, HttpMethod.Post, "/graphql", Encoding.UTF8.GetBytes(json), contentType, headers ?? new Dictionary<string, string>(), expect);

    public static HostileCase Query(string category, string name, string query, Expectation expect, object? variables = null, string? operationName = null) =>
        Post(category, name, JsonSerializer.Serialize(new { query, variables, operationName }), expect);

    public static HostileCase Get(string category, string name, string queryString, Expectation expect, IReadOnlyDictionary<string, string>? headers = null) =>
        new(category, name, HttpMethod.Get, "/graphql?" + queryString, null, null, headers ?? new Dictionary<string, string>(), expect);

    public static HostileCase Raw(string category, string name, HttpMethod method, string path, byte[]? body, string? contentType, Expectation expect, IReadOnlyDictionary<string, string>? headers = null) =>
        new(category, name, method, path, body, contentType, headers ?? new Dictionary<string, string>(), expect);
}
