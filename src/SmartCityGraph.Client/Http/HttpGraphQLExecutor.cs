using System.Net.Http.Headers;
using System.Text.Json;

namespace SmartCityGraph.Client.Http;

/// <summary>
/// GraphQL over HTTP: POSTs the operation as JSON with the named HttpClient of the client and reads
/// the answer. Network failures, timeouts and answers that are not GraphQL become typed errors.
/// </summary>
public sealed class HttpGraphQLExecutor : IGraphQLExecutor
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly string _clientName;
    private readonly PersistedDocumentChoice _persistedDocuments;

    /// <summary>An executor using the HttpClient named <paramref name="clientName"/>.</summary>
    public HttpGraphQLExecutor(IHttpClientFactory httpClientFactory, string clientName, PersistedDocumentsMode persistedDocuments = PersistedDocumentsMode.Auto)
    {
        _httpClientFactory = httpClientFactory;
        _clientName = clientName;
        _persistedDocuments = new PersistedDocumentChoice(persistedDocuments);
    }

    /// <inheritdoc />
    public async Task<IOperationResult<TResult>> ExecuteAsync<TResult>(GraphQLOperationRequest request, Func<JsonElement, TResult> readData, CancellationToken cancellationToken)
        where TResult : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var httpClient = _httpClientFactory.CreateClient(_clientName);
        if (httpClient.BaseAddress is null)
        {
            return GraphQLResponseReader.Failure<TResult>(new ClientError(
                "The GraphQL client '" + _clientName + "' has no server address: call .ConfigureHttpClient(c => c.BaseAddress = new Uri(\"http://host/graphql\")).",
                ClientErrorCodes.NotConfigured));
        }

        var server = httpClient.BaseAddress.ToString();
        var byId = _persistedDocuments.SendsId(server, request);

        try
        {
            var result = await SendAsync(httpClient, request, byId, readData, cancellationToken).ConfigureAwait(false);
            if (byId && _persistedDocuments.FallsBack(server, request, result))
                result = await SendAsync(httpClient, request, byId: false, readData, cancellationToken).ConfigureAwait(false);

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            // Not our token: HttpClient.Timeout passed.
            return GraphQLResponseReader.Failure<TResult>(new ClientError(
                "The server did not answer within " + httpClient.Timeout.TotalSeconds + " s.", ClientErrorCodes.ClientTimeout, Exception: e));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return GraphQLResponseReader.Failure<TResult>(new ClientError(
                "The server at " + httpClient.BaseAddress + " could not be reached: " + e.Message, ClientErrorCodes.NetworkError, Exception: e));
        }
    }

    private static async Task<IOperationResult<TResult>> SendAsync<TResult>(HttpClient httpClient, GraphQLOperationRequest request, bool byId, Func<JsonElement, TResult> readData, CancellationToken cancellationToken)
        where TResult : class
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, httpClient.BaseAddress);
        message.Content = new ByteArrayContent(request.ToJsonBody(byId));
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(GraphQLMediaTypes.Json) { CharSet = "utf-8" };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLMediaTypes.GraphQLResponse));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLMediaTypes.Json, 0.9));

        using var response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return GraphQLResponseReader.Read(response.StatusCode, response.ReasonPhrase, response.Content.Headers.ContentType?.MediaType, body, readData);
    }

}
