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

export interface ExecuteOptions {
  /** Defaults to the same origin's /graphql. */
  endpoint?: string;
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
      body: JSON.stringify({ query: document.toString(), variables: variables ?? undefined }),
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
  if (body.errors?.length) throw new GraphQLRequestError(body.errors, response.status);
  if (body.data == null) throw new ServerUnreachableError(`The server answered ${response.status} without data.`);
  return body.data;
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
