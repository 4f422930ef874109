using System.Net.WebSockets;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// Accepts a WebSocket upgrade of the GraphQL endpoint: within the server-wide connection cap (else 503),
/// with the <c>graphql-transport-ws</c> subprotocol (else, as the <c>graphql-ws</c> server does, accepted and
/// closed with 4406), with protocol-level keep-alive pings; then serves it as a <see cref="GraphQLWebSocketConnection"/>.
/// </summary>
public sealed class GraphQLWebSocketHandler(
    IOptions<GraphQLSubscriptionOptions> options,
    SubscriptionConnectionLimiter limiter,
    StreamingOperationExecutor executor,
    IHostApplicationLifetime lifetime,
    ILogger<GraphQLWebSocketHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var slot = limiter.TryAcquire();
        if (slot is null)
        {
            logger.LogWarning("Refused a GraphQL WebSocket: {Max} streaming connections are open.", options.Value.MaxConnections);
            await StreamingTransportErrors.WriteTooManyConnectionsAsync(context, options.Value.MaxConnections);
            return;
        }

        var speaksProtocol = context.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLTransportWs.SubProtocol);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = speaksProtocol ? GraphQLTransportWs.SubProtocol : null,
            KeepAliveInterval = options.Value.KeepAliveInterval,
            KeepAliveTimeout = options.Value.KeepAliveTimeout,
        });
        if (!speaksProtocol)
        {
            await RefuseAsync(socket, options.Value.CloseTimeout);
            return;
        }

        var services = context.RequestServices;
        using var connection = new GraphQLWebSocketConnection(
            socket, context, options.Value, executor,
            services.GetRequiredService<IGraphQLTextSerializer>(),
            services.GetServices<IGraphQLConnectionInitHandler>().ToList(),
            logger);
        await connection.RunAsync(lifetime.ApplicationStopping);
    }

    /// <summary>Closes with 4406 and waits (briefly) for the client's answering close frame.</summary>
    private static async Task RefuseAsync(WebSocket socket, TimeSpan closeTimeout)
    {
        using var deadline = new CancellationTokenSource(closeTimeout);
        try
        {
            await socket.CloseOutputAsync(
                (WebSocketCloseStatus)GraphQLTransportWs.CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable", deadline.Token);
            var ignored = new byte[256];
            while (socket.State == WebSocketState.CloseSent)
                await socket.ReceiveAsync(ignored, deadline.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }
}
