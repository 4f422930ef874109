namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// Limits and timings of the streaming transports (WebSocket with <c>graphql-transport-ws</c>, Server-Sent
/// Events); the host binds them from configuration. Cost, depth and the execution timeout are those of GraphQL
/// over HTTP: the same interceptors and <see cref="Http.GraphQLHttpOptions"/> apply.
/// </summary>
public sealed class GraphQLSubscriptionOptions
{
    /// <summary>
    /// How long a WebSocket may stay open without <c>connection_init</c> before it is closed with 4408
    /// (the <c>graphql-ws</c> server's default is 3 s).
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How often the server pings an idle WebSocket (a protocol-level ping frame) and, for Server-Sent Events,
    /// writes a comment line, so that proxies keep the connection and dead peers are noticed (graphql-ws: 12 s).
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>How long the server waits for the pong to its ping before it drops the WebSocket.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Open WebSockets and event streams the whole server accepts; beyond it a new one gets 503.</summary>
    public int MaxConnections { get; set; } = 5_000;

    /// <summary>Operations one WebSocket may run at once; one more is refused with an <c>error</c> message.</summary>
    public int MaxOperationsPerConnection { get; set; } = 100;

    /// <summary>Largest message a client may send over the WebSocket; a larger one closes it with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Messages that may wait for a slow client per connection. A client that falls further behind is
    /// disconnected (WebSocket: 1013, try again later) rather than buffered without bound.
    /// </summary>
    public int MaxPendingMessages { get; set; } = 256;

    /// <summary>How long the server waits for the peer's answer to its close frame before it drops the socket.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
