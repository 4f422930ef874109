#!/usr/bin/env bash
# Starts the server exactly as the README says (on a new, empty data directory), then checks it
# from the outside: health, a query, the SDL artefact, the graphql-http audit, the WebSocket and SSE
# conformance suite (graphql-ws and graphql-sse clients, protocol abuse), and a restart on
# the same database file that must keep every record exactly once.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
url="http://127.0.0.1:$port"
log="$data/server.log"
pid=""

start() {
  Storage__DataDirectory="$data" dotnet run --project src/SmartCityGraph.Server -c Release --no-build -- --urls "$url" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "$url/health" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "the server exited" >&2; exit 1; }
    sleep 0.5
  done
  cat "$log"; echo "the server did not become healthy" >&2; exit 1
}
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=""; }
trap 'stop; rm -rf "$data"' EXIT

counts='{"query":"{ strategies { totalCount } phases { totalCount } events { totalCount } organisations { totalCount } pilots { totalCount } }"}'
post() { curl -fsS -X POST "$url/graphql" -H 'Content-Type: application/json' -H 'Accept: application/graphql-response+json' -d "$1"; }

start
grep -q "listening on $url" "$log" || { cat "$log"; echo "the server did not print its URL" >&2; exit 1; }
first=$(post "$counts")
echo "counts: $first"
echo "$first" | grep -q '"pilots":{"totalCount":5}'
curl -fsS "$url/graphql?sdl" | diff -q - schema/schema.graphql >/dev/null \
  || { echo "GET /graphql?sdl differs from schema/schema.graphql" >&2; exit 1; }
(cd tests/http-audit && node audit.mjs "$url/graphql")
# An editor's token from the token verb (same data directory, so the same signing key): the live-update check edits.
token=$(Storage__DataDirectory="$data" dotnet run --project src/SmartCityGraph.Server -c Release --no-build -- token --role editor --name ci | tail -n 1)
(cd tests/streaming-conformance && node conformance.mjs "$url/graphql" --editor-token "$token")
curl -fsS -H 'Accept: text/html' "$url/graphql" | grep -q '<div id="graphiql"' \
  || { echo "a browser's GET /graphql did not get the GraphQL IDE" >&2; exit 1; }
curl -fsS "$url/explorer" | grep -q 'data-testid="graph"' \
  || { echo "GET /explorer did not serve the relationship explorer" >&2; exit 1; }
echo "the IDE and the explorer are served"
stop

start
second=$(post "$counts")
[ "$first" = "$second" ] || { echo "a restart changed the data: $first -> $second" >&2; exit 1; }
echo "restart kept every record exactly once"
stop
echo "live server check passed"
