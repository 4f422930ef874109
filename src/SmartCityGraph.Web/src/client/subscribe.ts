import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql';
import {
  documentIdToSend,
  GraphQLRequestError,
  persistedDocumentsMode,
  rememberUnknownId,
  ServerUnreachableError,
  type GraphQLErrorInfo,
  type PersistedDocumentsMode,
} from './execute';

/** What a subscription reports: each result's data, then how it ended. */
export interface SubscriptionHandlers<TResult> {
  next(data: TResult): void;
  /** The server refused the operation (GraphQLRequestError with code) or the socket closed for good (ServerUnreachableError). */
  error?(error: GraphQLRequestError | ServerUnreachableError): void;
  complete?(): void;
}

export interface SubscribeOptions {
  /** The GraphQL endpoint as http(s); defaults to the same origin's /graphql. The socket uses ws(s) on the same path. */
  endpoint?: string;
  /**
   * A bearer token (or a function asked when the socket opens), sent in connection_init as
   * `{ Authorization: 'Bearer <token>' }`: browsers cannot set headers on a WebSocket. Reading needs none.
   */
  token?: string | null | (() => string | null | undefined | Promise<string | null | undefined>);
  /**
   * As for execute: 'auto' (default) subscribes by `documentId` and, when the server does not know the id, with the
   * document instead; 'always' only by id (a server with Security:TrustedDocumentsOnly); 'never' with the document.
   */
  persistedDocuments?: PersistedDocumentsMode;
}

type VariablesArgs<TVariables, TResult> =
  Record<string, never> extends TVariables
    ? [variables: TVariables | undefined, handlers: SubscriptionHandlers<TResult>, options?: SubscribeOptions]
    : [variables: TVariables, handlers: SubscriptionHandlers<TResult>, options?: SubscribeOptions];

const clients = new Map<string, Client>();

/**
 * One graphql-ws client per endpoint, shared by every subscription: one socket, opened on the first
 * subscription and closed after the last; it reconnects after a dropped connection (the server drops a
 * client that falls behind with 1013, which the library retries).
 */
function clientFor(endpoint: string, token: SubscribeOptions['token']): Client {
  // One socket per endpoint and sign-in: a socket is signed in once, when it opens.
  const key = `${endpoint}\n${typeof token === 'function' ? 'function' : (token ?? '')}`;
  let client = clients.get(key);
  if (!client) {
    const url = new URL(endpoint);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    client = createClient({
      url: url.href,
      retryAttempts: 10,
      lazyCloseTimeout: 1_000,
      connectionParams: async () => {
        const value = typeof token === 'function' ? await token() : token;
        return value ? { Authorization: `Bearer ${value}` } : {};
      },
    });
    clients.set(key, client);
  }
  return client;
}

/**
 * Runs a generated, typed subscription (or query) over WebSocket with the graphql-transport-ws protocol, by its
 * persisted id like execute (the server takes `documentId` in a subscribe payload). Returns the function that stops it.
 */
export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables, handlers, options]: VariablesArgs<TVariables, TResult>
): () => void {
  const endpoint = options?.endpoint ?? new URL('/graphql', globalThis.location?.href ?? 'http://localhost/').href;
  const mode = persistedDocumentsMode(options?.persistedDocuments);
  const client = clientFor(endpoint, options?.token);
  let stop: () => void = () => {};
  let stopped = false;

  const start = (documentId: string | undefined) => {
    // graphql-ws insists on a string query: by id it is "" beside the documentId (the server reads that as no document).
    const payload = {
      query: documentId ? '' : document.toString(),
      ...(documentId ? { documentId } : {}),
      variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    };
    stop = client.subscribe<TResult>(payload, {
      next: (result) => {
        if (result.errors?.length) handlers.error?.(new GraphQLRequestError(result.errors as unknown as GraphQLErrorInfo[], 200));
        else if (result.data != null) handlers.next(result.data as TResult);
      },
      error: (error) => {
        const errors = Array.isArray(error) ? (error as GraphQLErrorInfo[]) : undefined;
        if (documentId && mode === 'auto' && errors?.[0]?.extensions?.code === 'PERSISTED_DOCUMENT_NOT_FOUND' && !stopped) {
          rememberUnknownId(endpoint, documentId); // an older server or one without the manifest: send the document
          start(undefined);
        } else if (errors) handlers.error?.(new GraphQLRequestError(errors, 200));
        else handlers.error?.(new ServerUnreachableError(`The live connection to ${endpoint} closed.`, error));
      },
      complete: () => handlers.complete?.(),
    });
  };
  start(documentIdToSend(document, endpoint, mode));
  return () => {
    stopped = true;
    stop();
  };
}
