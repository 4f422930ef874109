import type { TypedDocumentString } from '../gql/graphql';

/** One GraphQL error as the server reports it (every error carries extensions.code). */
export interface GraphQLErrorInfo {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: ReadonlyArray<string | number>;
}

/** The server answered, but refused the operation or part of it (limits, unknown id, invalid input, …). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: readonly GraphQLErrorInfo[],
    readonly status: number,
  ) {
    super(errors.map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message)).join('; '));
    this.name = 'GraphQLRequestError';
  }

  /** The first error's code, e.g. COST_LIMIT_EXCEEDED or INVALID_ID. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** The server could not be reached, or answered with something that is not a GraphQL response. */
export class ServerUnreachableError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'ServerUnreachableError';
  }
}

/**
 * How operations are sent. Every generated document has an id (`document.__meta__.hash`, `sha256:<hex>` of its text)
 * that the server knows when it loaded the manifest the build wrote (schema/persisted/web.json):
 * - 'auto' (default): send `{documentId}`; when the server answers that it does not know the id (or does not read
 *   ids at all), send the document instead and remember that for this endpoint and id;
 * - 'always': send only the id (for a server with Security:TrustedDocumentsOnly);
 * - 'never': always send the whole document.
 */
export type PersistedDocumentsMode = 'auto' | 'always' | 'never';

let defaultMode: PersistedDocumentsMode = 'auto';

/** Sets the mode for every later call that does not pass its own. */
export function setPersistedDocumentsMode(mode: PersistedDocumentsMode): void {
  defaultMode = mode;
}

/** Per endpoint, the ids the server said it does not know (so 'auto' sends those documents in full at once). */
const unknownIds = new Map<string, Set<string>>();

/**
 * The id to send for a document in a mode (undefined: send the document itself). Shared by HTTP (execute) and
 * WebSocket (subscribe), so both transports make the same choice and learn from each other's fallbacks.
 */
export function documentIdToSend(document: { __meta__?: Record<string, unknown> }, endpoint: string, mode: PersistedDocumentsMode): string | undefined {
  const documentId = typeof document.__meta__?.hash === 'string' ? (document.__meta__.hash as string) : undefined;
  if (documentId === undefined || mode === 'never') return undefined;
  return mode === 'always' || !unknownIds.get(endpoint)?.has(documentId) ? documentId : undefined;
}

/** In 'auto', after the server said it does not know an id: send that document in full from now on. */
export function rememberUnknownId(endpoint: string, documentId: string): void {
  unknownIds.set(endpoint, (unknownIds.get(endpoint) ?? new Set<string>()).add(documentId));
}

/** The mode a call uses: its own, else the one setPersistedDocumentsMode set. */
export function persistedDocumentsMode(mode: PersistedDocumentsMode | undefined): PersistedDocumentsMode {
  return mode ?? defaultMode;
}

export interface ExecuteOptions {
  /** Defaults to the same origin's /graphql. */
  endpoint?: string;
  /** Defaults to 'auto' (or what setPersistedDocumentsMode set). */
  persistedDocuments?: PersistedDocumentsMode;
  signal?: AbortSignal;
  /** Extra request headers, e.g. { 'GraphQL-Cost': 'report' }. */
  headers?: Record<string, string>;
  /**
   * A bearer token (mutations need one; `token --role editor --name NAME` on the server mints one), or a function
   * asked before each request, so a renewed token is used at once. Sent as `Authorization: Bearer <token>`.
   */
  token?: string | null | (() => string | null | undefined | Promise<string | null | undefined>);
}

/** The variables argument is optional exactly when the operation has no required variables. */
type VariablesArgs<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables, options?: ExecuteOptions] : [variables: TVariables, options?: ExecuteOptions];

/**
 * Runs a generated, typed operation against the SmartCityGraph endpoint (GraphQL over HTTP, POST JSON).
 * The result and the variables are typed by the document; errors become GraphQLRequestError (with code)
 * or ServerUnreachableError.
 */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables, options]: VariablesArgs<TVariables>
): Promise<TResult> {
  const endpoint = options?.endpoint ?? new URL('/graphql', globalThis.location?.href ?? 'http://localhost/').href;
  const mode = persistedDocumentsMode(options?.persistedDocuments);
  const documentId = documentIdToSend(document, endpoint, mode);

  let answer = await post<TResult>(endpoint, documentId ? { documentId, variables } : { query: document.toString(), variables }, options);
  if (documentId && mode === 'auto' && serverDoesNotKnow(answer)) {
    rememberUnknownId(endpoint, documentId);
    answer = await post<TResult>(endpoint, { query: document.toString(), variables }, options);
  }

  const { response, body } = answer;
  if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (body.data == null) throw new ServerUnreachableError(`The server answered ${response.status} without data.`);
  return body.data;
}

interface Answer<TResult> {
  response: Response;
  body: { data?: TResult | null; errors?: GraphQLErrorInfo[] };
}

/** PERSISTED_DOCUMENT_NOT_FOUND, or an older server that reads no documentId and misses the query. */
function serverDoesNotKnow(answer: Answer<unknown>): boolean {
  const code = answer.body.errors?.[0]?.extensions?.code;
  return code === 'PERSISTED_DOCUMENT_NOT_FOUND' || (answer.response.status === 400 && code === 'BAD_REQUEST' && answer.body.data === undefined);
}

async function post<TResult>(endpoint: string, payload: object, options: ExecuteOptions | undefined): Promise<Answer<TResult>> {
  const token = typeof options?.token === 'function' ? await options.token() : options?.token;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options?.headers,
      },
      body: JSON.stringify(payload),
      signal: options?.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ServerUnreachableError(`The server at ${endpoint} could not be reached.`, error);
  }

  let body: { data?: TResult | null; errors?: GraphQLErrorInfo[] };
  try {
    body = await response.json();
  } catch (error) {
    throw new ServerUnreachableError(`The server answered ${response.status} ${response.statusText} without a GraphQL response.`, error);
  }
  return { response, body };
}

/**
 * A client with its options set once — the endpoint and, for editing, the bearer token:
 * `const client = createClient({ token: () => sessionStorage.getItem('token') }); await client.execute(CreateEventDocument, { input })`.
 * Options given to one call add to (and win over) these.
 */
export function createClient(defaults: ExecuteOptions) {
  return {
    execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...[variables, options]: VariablesArgs<TVariables>): Promise<TResult> {
      const merged = { ...defaults, ...options, headers: { ...defaults.headers, ...options?.headers } };
      return (execute as (d: TypedDocumentString<TResult, TVariables>, v?: TVariables, o?: ExecuteOptions) => Promise<TResult>)(document, variables, merged);
    },
  };
}
