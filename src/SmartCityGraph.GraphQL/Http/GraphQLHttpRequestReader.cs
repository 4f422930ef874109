using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// Turns a GET query string or a POST JSON body into a <see cref="GraphQLRequest"/>, or into the
/// transport error (400, 413, 415) that the request deserves.
/// </summary>
public sealed class GraphQLHttpRequestReader(IGraphQLTextSerializer serializer)
{
    /// <summary>How deep a request body may nest (System.Text.Json's default); variables hold filter inputs, which nest.</summary>
    private const int MaxJsonDepth = 64;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public async ValueTask<GraphQLHttpRequestReadResult> ReadAsync(HttpRequest request, long maxRequestBytes)
    {
        if (HttpMethods.IsGet(request.Method))
            return ReadQueryString(request.Query);

        if (!IsJsonInUtf8(request.ContentType))
            return GraphQLHttpError.UnsupportedMediaType(request.ContentType);

        var body = await ReadBodyWithinLimitAsync(request, maxRequestBytes, request.HttpContext.RequestAborted);
        if (body is null)
            return GraphQLHttpError.PayloadTooLarge(maxRequestBytes);
        if (body.Length == 0)
            return GraphQLHttpError.BadRequest("The request body is empty; it must be a JSON object with a 'query'.");

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(SkipBom(body), new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException)
        {
            return GraphQLHttpError.BadRequest($"The request body is not valid JSON, or nests deeper than {MaxJsonDepth} levels.");
        }

        using (json)
        {
            // JSON may escape half a surrogate pair (\ud800), and invalid UTF-8 inside a string passes the parser:
            // either fails only when the string is read, which would otherwise be a 500.
            try
            {
                return ReadJsonBody(json.RootElement);
            }
            catch (Exception exception) when (exception is InvalidOperationException or JsonException)
            {
                return NotUnicode();
            }
        }
    }

    private static GraphQLHttpError NotUnicode() =>
        GraphQLHttpError.BadRequest("The request holds a string that is not valid Unicode (invalid UTF-8 or half a surrogate pair).");

    /// <summary>Whether <paramref name="text"/> holds half a surrogate pair.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    private GraphQLHttpRequestReadResult ReadJsonBody(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Array)
            return GraphQLHttpError.BadRequest("Batched requests are not supported.");
        if (body.ValueKind != JsonValueKind.Object)
            return GraphQLHttpError.BadRequest("The request body must be a JSON object with a 'query'.");

        string? documentId = null;
        if (body.TryGetProperty("documentId", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } idText)
                return GraphQLHttpError.BadRequest("The 'documentId' parameter must be a non-empty string.");
            documentId = idText;
        }

        string? queryText = null;
        if (body.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null)
        {
            if (query.ValueKind != JsonValueKind.String)
                return GraphQLHttpError.BadRequest("The 'query' parameter must be a string.");
            queryText = query.GetString();
        }
        if (queryText is null && documentId is null)
            return MissingQuery();

        string? operationName = null;
        if (body.TryGetProperty("operationName", out var operation) && operation.ValueKind != JsonValueKind.Null)
        {
            if (operation.ValueKind != JsonValueKind.String)
                return GraphQLHttpError.BadRequest("The 'operationName' parameter must be a string or null.");
            operationName = operation.GetString();
        }

        if (!TryReadMapMember(body, "variables", out var variables, out var variablesError))
            return variablesError!;
        if (!TryReadMapMember(body, "extensions", out var extensions, out var extensionsError))
            return extensionsError!;

        return new GraphQLRequest
        {
            Query = queryText,
            DocumentId = documentId,
            OperationName = operationName,
            Variables = variables,
            Extensions = extensions,
        };
    }

    private GraphQLHttpRequestReadResult ReadQueryString(IQueryCollection parameters)
    {
        if (!TryGetSingle(parameters, "query", out var query, out var error))
            return error!;
        if (!TryGetSingle(parameters, "documentId", out var documentId, out error))
            return error!;
        if (string.IsNullOrEmpty(query) && string.IsNullOrEmpty(documentId))
            return MissingQuery();
        if (!TryGetSingle(parameters, "operationName", out var operationName, out error))
            return error!;
        if (!TryParseMapParameter(parameters, "variables", out var variables, out error))
            return error!;
        if (!TryParseMapParameter(parameters, "extensions", out var extensions, out error))
            return error!;
        if (HasLoneSurrogate(query) || HasLoneSurrogate(operationName) || HasLoneSurrogate(parameters["variables"].ToString()) || HasLoneSurrogate(parameters["extensions"].ToString()))
            return NotUnicode();

        return new GraphQLRequest
        {
            Query = string.IsNullOrEmpty(query) ? null : query,
            DocumentId = string.IsNullOrEmpty(documentId) ? null : documentId,
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        };
    }

    private bool TryParseMapParameter(IQueryCollection parameters, string name, out Inputs? map, out GraphQLHttpError? error)
    {
        map = null;
        if (!TryGetSingle(parameters, name, out var text, out error))
            return false;
        if (string.IsNullOrEmpty(text))
            return true;

        try
        {
            using var json = JsonDocument.Parse(text);
            return TryReadMap(json.RootElement, name, out map, out error);
        }
        catch (JsonException)
        {
            error = GraphQLHttpError.BadRequest($"The '{name}' parameter is not valid JSON.");
            return false;
        }
    }

    /// <summary>Reads an optional JSON-object member (null allowed) of <paramref name="parent"/>.</summary>
    private bool TryReadMapMember(JsonElement parent, string name, out Inputs? map, out GraphQLHttpError? error)
    {
        map = null;
        error = null;
        if (!parent.TryGetProperty(name, out var value))
            return true;
        return TryReadMap(value, name, out map, out error);
    }

    private bool TryReadMap(JsonElement value, string name, out Inputs? map, out GraphQLHttpError? error)
    {
        map = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
            return true;
        if (value.ValueKind != JsonValueKind.Object)
        {
            error = GraphQLHttpError.BadRequest($"The '{name}' parameter must be a JSON object or null.");
            return false;
        }
        map = serializer.ReadNode<Inputs>(value);
        return true;
    }

    private static bool TryGetSingle(IQueryCollection parameters, string name, out string? value, out GraphQLHttpError? error)
    {
        value = null;
        error = null;
        if (!parameters.TryGetValue(name, out StringValues values))
            return true;
        if (values.Count > 1)
        {
            error = GraphQLHttpError.BadRequest($"The '{name}' parameter must appear at most once.");
            return false;
        }
        value = values[0];
        return true;
    }

    private static GraphQLHttpError MissingQuery() =>
        GraphQLHttpError.BadRequest("The request has no 'query' parameter (nor a 'documentId' of a persisted document).");

    /// <summary>application/json with charset utf-8 or no charset (the spec's default is utf-8).</summary>
    private static bool IsJsonInUtf8(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase))
            return false;
        var charset = parsed.Charset;
        return !charset.HasValue
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads the whole body, or returns null as soon as it exceeds <paramref name="maxBytes"/>: a false or
    /// missing Content-Length (chunked uploads) cannot make us buffer more than the cap.
    /// </summary>
    private static async Task<byte[]?> ReadBodyWithinLimitAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;

        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                    return null;
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return body.ToArray();
    }

    private static ReadOnlyMemory<byte> SkipBom(byte[] body) =>
        body.AsSpan().StartsWith(Utf8Bom) ? body.AsMemory(Utf8Bom.Length) : body;
}
