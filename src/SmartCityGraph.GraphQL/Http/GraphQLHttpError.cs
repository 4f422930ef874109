using Microsoft.AspNetCore.Http;
using SmartCityGraph.GraphQL.Errors;

namespace SmartCityGraph.GraphQL.Http;

/// <summary>
/// A request refused by the transport before GraphQL sees it: the HTTP status, the GraphQL error it is
/// reported as and, for 405, the methods that would have worked.
/// </summary>
public sealed record GraphQLHttpError(int StatusCode, string Code, string Message, string? Allow = null)
{
    public static GraphQLHttpError BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);

    public static GraphQLHttpError PayloadTooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
            $"The request body is larger than the limit of {maxBytes} bytes.");

    public static GraphQLHttpError UnsupportedMediaType(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
            contentType is null
                ? "A POST request needs the Content-Type application/json."
                : $"The Content-Type '{contentType}' is not supported; use application/json (utf-8).");

    public static GraphQLHttpError NotAcceptable() =>
        new(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
            $"The Accept header allows neither {GraphQLMediaTypes.GraphQLResponseJson} nor {GraphQLMediaTypes.Json}.");

    public static GraphQLHttpError MethodNotAllowed(string method) =>
        new(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
            $"The method {method} is not supported; use GET or POST.", Allow: "GET, POST");

    public static GraphQLHttpError MutationOverGet() =>
        new(StatusCodes.Status405MethodNotAllowed, ErrorCodes.MethodNotAllowed,
            "Mutations are only allowed over POST.", Allow: "POST");
}
