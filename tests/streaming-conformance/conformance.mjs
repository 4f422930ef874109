// Drives a GraphQL server's streaming transports with the real client libraries:
//   WebSocket with the graphql-transport-ws subprotocol through graphql-ws's createClient (and raw `ws`
//   sockets for the protocol abuse the client never commits), and GraphQL over SSE (distinct connections
//   mode) through graphql-sse's createClient.
// usage: node conformance.mjs <http endpoint> [--open <subscription that stays open>]
//                             [--subscription <subscription that completes> --events <n>]
//                             [--editor-token <token>: SmartCityGraph's live updates — an updateEvent reaches a graphql-ws
//                              and a graphql-sse subscriber of entityChanged(kinds: [EVENT]) within a second]
// Prints "CHECK <name> OK|FAIL -- reason" per check and "N passed, N failed"; exits 1 when any failed.
import { createClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';

const argv = process.argv.slice(2);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
const httpUrl = argv[0];
if (!httpUrl || httpUrl.startsWith('--')) {
  console.error('usage: node conformance.mjs <http endpoint> [--open <subscription>] [--subscription <subscription> --events <n>]');
  process.exit(2);
}
const wsUrl = httpUrl.replace(/^http/, 'ws');
const openSubscription = option('--open');
const finiteSubscription = option('--subscription');
const expectedEvents = Number(option('--events') ?? 0);
const editorToken = option('--editor-token');

let passed = 0, failed = 0;
async function check(name, run, timeoutMs = 10_000) {
  let timer;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs); }),
    ]);
    passed++;
    console.log(`CHECK ${name} OK`);
  } catch (error) {
    failed++;
    console.log(`CHECK ${name} FAIL -- ${error?.message ?? JSON.stringify(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
const assert = (condition, message) => { if (!condition) throw new Error(message); };

// ---- through the graphql-ws client ---------------------------------------------------------------

function wsClient(options = {}) {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, ...options });
}

/** Subscribes through the client; resolves with the results and how it ended ({ complete } or { error }). */
function run(client, payload, { take } = {}) {
  return new Promise((resolve) => {
    const results = [];
    let unsubscribe = () => {};
    unsubscribe = client.subscribe(payload, {
      next: (result) => {
        results.push(result);
        if (take && results.length === take) { unsubscribe(); resolve({ results, ended: 'taken' }); }
      },
      error: (error) => resolve({ results, ended: 'error', error }),
      complete: () => resolve({ results, ended: 'complete' }),
    });
  });
}

await check('graphql-ws: a query over WebSocket gives one result and completes', async () => {
  const client = wsClient();
  try {
    const { results, ended } = await run(client, { query: '{ __typename }' });
    assert(ended === 'complete', `ended with ${ended}`);
    assert(results.length === 1 && results[0].data?.__typename === 'Query', JSON.stringify(results));
  } finally { await client.dispose(); }
});

if (finiteSubscription) {
  await check(`graphql-ws: a subscription streams ${expectedEvents} results, then completes`, async () => {
    const client = wsClient();
    try {
      const { results, ended } = await run(client, { query: finiteSubscription });
      assert(ended === 'complete', `ended with ${ended}: ${JSON.stringify(results)}`);
      assert(results.length === expectedEvents && results.every((r) => r.data && !r.errors), JSON.stringify(results));
    } finally { await client.dispose(); }
  });
}

await check('graphql-ws: a document that does not validate ends in an error message with its code', async () => {
  const client = wsClient();
  try {
    const { ended, error } = await run(client, { query: '{ noSuchField }' });
    assert(ended === 'error' && Array.isArray(error), `ended with ${ended}: ${JSON.stringify(error)}`);
    assert(error[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED', JSON.stringify(error));
  } finally { await client.dispose(); }
});

await check('graphql-ws: the client\'s keep-alive ping is answered with pong', async () => {
  let client;
  await new Promise((resolve) => {
    client = wsClient({ lazy: false, keepAlive: 100, on: { pong: (received) => received && resolve() } });
  });
  await client.dispose();
});

if (openSubscription) {
  await check('graphql-ws: several subscriptions share one socket and the client can stop them', async () => {
    let sockets = 0;
    const client = wsClient({ on: { opened: () => sockets++ } });
    try {
      const stops = [];
      for (let i = 0; i < 3; i++) stops.push(client.subscribe({ query: openSubscription }, { next() {}, error() {}, complete() {} }));
      const { results } = await run(client, { query: '{ __typename }' });
      assert(results[0]?.data?.__typename === 'Query', JSON.stringify(results));
      stops.forEach((stop) => stop());
      assert(sockets === 1, `opened ${sockets} sockets`);
    } finally { await client.dispose(); }
  });
}

// ---- protocol abuse over a raw socket ------------------------------------------------------------

/** Opens a raw socket, runs the steps once it is open, resolves with the server's close code and reason. */
function closeAfter(steps, protocol = 'graphql-transport-ws') {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, protocol === null ? undefined : protocol);
    socket.on('error', reject);
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    socket.on('open', () => steps(socket));
  });
}
const init = JSON.stringify({ type: 'connection_init' });
const subscribe = (id, query) => JSON.stringify({ id, type: 'subscribe', payload: { query } });
const expectClose = async (steps, code, protocol) => {
  const closed = await closeAfter(steps, protocol);
  assert(closed.code === code, `closed with ${closed.code} '${closed.reason}', expected ${code}`);
};

await check('abuse: a message of an unknown type closes with 4400', () =>
  expectClose((s) => { s.send(init); s.send(JSON.stringify({ type: 'gimme' })); }, 4400));
await check('abuse: a message that is not JSON closes with 4400', () =>
  expectClose((s) => { s.send(init); s.send('{"type":'); }, 4400));
await check('abuse: a subscribe without an id closes with 4400', () =>
  expectClose((s) => { s.send(init); s.send(JSON.stringify({ type: 'subscribe', payload: { query: '{ __typename }' } })); }, 4400));
await check('abuse: subscribe before connection_init closes with 4401', () =>
  expectClose((s) => s.send(subscribe('1', '{ __typename }')), 4401));
await check('abuse: a second connection_init closes with 4429', () =>
  expectClose((s) => { s.send(init); s.send(init); }, 4429));
if (openSubscription) {
  await check('abuse: a second subscribe with an active id closes with 4409', () =>
    expectClose((s) => { s.send(init); s.send(subscribe('dup', openSubscription)); s.send(subscribe('dup', openSubscription)); }, 4409));
}
await check('abuse: an oversized frame closes with 1009', () =>
  expectClose((s) => { s.send(init); s.send(subscribe('big', `{ __typename }${' '.repeat(2 * 1024 * 1024)}`)); }, 1009));
// (A client that asks for another subprotocol fails the handshake itself: the server names none back.)
await check('abuse: a socket without the graphql-transport-ws subprotocol closes with 4406', () =>
  expectClose(() => {}, 4406, null));
await check('abuse: no connection_init within the init timeout closes with 4408', () =>
  expectClose(() => {}, 4408), 15_000);

// ---- Server-Sent Events through the graphql-sse client -------------------------------------------

function sse(payload) {
  const client = createSseClient({ url: httpUrl, singleConnection: false, retryAttempts: 0 });
  return new Promise((resolve) => {
    const results = [];
    client.subscribe(payload, {
      next: (result) => results.push(result),
      error: (error) => resolve({ results, ended: 'error', error }),
      complete: () => resolve({ results, ended: 'complete' }),
    });
  }).finally(() => client.dispose());
}

await check('graphql-sse: a query over an event stream gives one result and completes', async () => {
  const { results, ended, error } = await sse({ query: '{ __typename }' });
  assert(ended === 'complete', `ended with ${ended}: ${error?.message ?? ''}`);
  assert(results.length === 1 && results[0].data?.__typename === 'Query', JSON.stringify(results));
});
if (finiteSubscription) {
  await check(`graphql-sse: a subscription streams ${expectedEvents} results, then completes`, async () => {
    const { results, ended, error } = await sse({ query: finiteSubscription });
    assert(ended === 'complete', `ended with ${ended}: ${error?.message ?? ''}`);
    assert(results.length === expectedEvents && results.every((r) => r.data && !r.errors), JSON.stringify(results));
  });
}
await check('graphql-sse: a document that does not validate comes back as a result with errors', async () => {
  const { results, ended } = await sse({ query: '{ noSuchField }' });
  assert(ended === 'complete', `ended with ${ended}`);
  assert(results[0]?.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED', JSON.stringify(results));
});

// ---- SmartCityGraph's live updates: an edit reaches both kinds of subscriber within a second --------

async function post(query, variables, token) {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

if (editorToken) {
  await check('live: an updateEvent reaches a graphql-ws and a graphql-sse subscriber of entityChanged(kinds: [EVENT]) within 1 s', async () => {
    const query = 'subscription { entityChanged(kinds: [EVENT]) { action revision { number } entity { id title } } }';
    const { events: { nodes: [event] } } = await post('{ events(first: 1) { nodes { id version } } }');
    const title = `Conformance edit ${Date.now()}`;
    const arrived = (subscribeTo) => new Promise((resolve, reject) => {
      const stop = subscribeTo(query, (result) => {
        const change = result.data?.entityChanged;
        if (change?.entity?.id === event.id && change.entity.title === title) { stop(); resolve(performance.now()); }
      }, reject);
    });
    const ws = wsClient({ lazy: false });
    const sseClient = createSseClient({ url: httpUrl, singleConnection: false, retryAttempts: 0 });
    try {
      const overWs = arrived((q, next, fail) => ws.subscribe({ query: q }, { next, error: fail, complete: () => {} }));
      const overSse = arrived((q, next, fail) => sseClient.subscribe({ query: q }, { next, error: fail, complete: () => {} }));
      await new Promise((r) => setTimeout(r, 500)); // both subscriptions attach
      const sent = performance.now();
      await post('mutation($input: UpdateEventInput!) { updateEvent(input: $input) { event { version } } }',
        { input: { id: event.id, expectedVersion: event.version, title, sources: [{ title: 'Streaming conformance' }] } }, editorToken);
      const [wsAt, sseAt] = await Promise.all([overWs, overSse]);
      assert(wsAt - sent < 1000 && sseAt - sent < 1000, `WebSocket after ${Math.round(wsAt - sent)} ms, SSE after ${Math.round(sseAt - sent)} ms`);
    } finally {
      await ws.dispose();
      sseClient.dispose();
    }
  });
}

// ---- and the server is still well --------------------------------------------------------------

await check('after all that the server still answers over WebSocket and HTTP', async () => {
  const client = wsClient();
  try {
    const { results } = await run(client, { query: '{ __typename }' });
    assert(results[0]?.data?.__typename === 'Query', JSON.stringify(results));
  } finally { await client.dispose(); }
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  assert(response.status === 200, `HTTP ${response.status}`);
});

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
