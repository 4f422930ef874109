#!/usr/bin/env bash
# The journalist's notebook (docs/notebooks/) executed with nbconvert against a freshly started
# server, so it cannot rot: any failing cell fails CI. Needs the Release build and Debian's Python
# with python3-pandas, -networkx, -matplotlib, -nbconvert, -ipykernel and -requests (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
url="http://127.0.0.1:$port"
pid=""
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap 'stop; rm -rf "$data"' EXIT

Storage__DataDirectory="$data" dotnet src/SmartCityGraph.Server/bin/Release/net10.0/SmartCityGraph.Server.dll --urls "$url" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$url/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/server.log"; echo "the server exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$url/health" >/dev/null || { cat "$data/server.log"; echo "the server did not become healthy" >&2; exit 1; }
bash docs/notebooks/run.sh "$url"
