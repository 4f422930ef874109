namespace SmartCityGraph.GraphQL.Subscriptions;

/// <summary>
/// The names of the <c>graphql-transport-ws</c> WebSocket subprotocol (the <c>graphql-ws</c> library's
/// protocol): its message types and the close codes its server uses, plus the standard WebSocket codes
/// we close with where the protocol names none.
/// </summary>
public static class GraphQLTransportWs
{
    public const string SubProtocol = "graphql-transport-ws";

    public static class MessageTypes
    {
        public const string ConnectionInit = "connection_init";
        public const string ConnectionAck = "connection_ack";
        public const string Ping = "ping";
        public const string Pong = "pong";
        public const string Subscribe = "subscribe";
        public const string Next = "next";
        public const string Error = "error";
        public const string Complete = "complete";
    }

    public static class CloseCodes
    {
        /// <summary>The server is shutting down (RFC 6455; the library's server says "Going away" too).</summary>
        public const int GoingAway = 1001;

        /// <summary>A message larger than the server accepts (RFC 6455; what the <c>ws</c> server sends past its maxPayload).</summary>
        public const int MessageTooBig = 1009;

        /// <summary>
        /// The client fell too far behind reading its messages and was dropped (RFC 6455 "try again later":
        /// the <c>graphql-ws</c> client treats it as retryable, and <c>since:</c> catches up what it missed).
        /// </summary>
        public const int TryAgainLater = 1013;

        public const int BadRequest = 4400;
        public const int Unauthorized = 4401;
        public const int Forbidden = 4403;
        public const int SubprotocolNotAcceptable = 4406;
        public const int ConnectionInitialisationTimeout = 4408;
        public const int SubscriberAlreadyExists = 4409;
        public const int TooManyInitialisationRequests = 4429;
        public const int InternalServerError = 4500;
    }
}
