#!/usr/bin/env bash
# The shared side-by-side comparison (shared/bench beside the clone: graphql-yoga and PostGraphile serving this
# project's own export) with this project's targets: targets.project.json here is the shared one plus the
# relationship shapes of issue 11 (an organisation's 50 relations with both ends, a depth-2 neighbourhood of a
# pilot, up to 3 paths of <= 4 hops, search with 10 hits), which only the yoga peers implement.
#
#   tests/SmartCityGraph.Benchmarks/Compare/run-compare.sh [seed|10k|all] [compare.js options, e.g. --rounds 3 --duration 5]
#
# It copies shared/bench to a writable folder ($WORK/bench; shared/ itself stays untouched), puts the targets
# there, and runs the shared run-all.sh twice per call: the contract shapes against every peer, then the
# relationship shapes against the yoga peers. Build first: dotnet build SmartCityGraph.sln -c Release.
# Env: SHARED_BENCH (default <clone>/../shared/bench, else <clone>/../../shared/bench), WORK (default ${TMPDIR:-/tmp}/scg-compare),
# SCG_DLL (default this clone's Release server), PART (contract: node, nested3, filter-sort-50 against every peer;
# relationship: the four relationship shapes against the yoga peers; default all).
# On the seed the peers' store lacks the knowledge store's kinds (see below), so an organisation's relations and a
# pilot's neighbourhood are smaller there: relations50 and graph2 then need --allow-diff, and the project answers
# more (3 relations against 2, 12 nodes against 9), so their ratios understate it.
# What the answer checks compare: search ranks by different rules here and in the peer, so search10 checks that
# each side returns 10 hits (the same work), not the same ones; graph2 compares the nodes (the relations come in
# another order). Known difference (see shared/bench/compare/README.md): on the 10k graph nested3 lists an event's
# organisers in relation order here and in id order in the peers; add --allow-diff for 10k until they agree. It uses the fixed ports of run-all.sh (5700-5901, 55432):
# one run at a time on a machine, and a quiet machine for figures worth keeping.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
if [ -z "${SHARED_BENCH:-}" ]; then   # beside the clone, or beside the folder of worktrees
  for candidate in "$ROOT/../shared/bench" "$ROOT/../../shared/bench"; do [ -d "$candidate" ] && { SHARED_BENCH=$(cd "$candidate" && pwd); break; }; done
fi
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
WORK=${WORK:-${TMPDIR:-/tmp}/scg-compare}
SCG_DLL=${SCG_DLL:-$ROOT/src/SmartCityGraph.Server/bin/Release/net10.0/SmartCityGraph.Server.dll}
[ -f "$SHARED_BENCH/compare/run-all.sh" ] || { echo "no shared benchmark at $SHARED_BENCH (set SHARED_BENCH)" >&2; exit 2; }
[ -f "$SCG_DLL" ] || { echo "no server build at $SCG_DLL (dotnet build SmartCityGraph.sln -c Release, or set SCG_DLL)" >&2; exit 2; }
WHICH=${1:-all}
shift || true

# A writable copy of the shared benchmark (npm ci and the peers' databases write into it); refreshed when
# the shared scripts change, keeping installed node_modules and built databases.
mkdir -p "$WORK/bench"
for dir in compare peer-yoga peer-postgraphile; do
  (cd "$SHARED_BENCH/$dir" && find . -path ./node_modules -prune -o -type f -print) | while read -r f; do
    src="$SHARED_BENCH/$dir/$f" dst="$WORK/bench/$dir/$f"
    if ! cmp -s "$src" "$dst"; then mkdir -p "$(dirname "$dst")"; cp "$src" "$dst"; chmod u+w "$dst"; fi
  done
done
cp "$HERE/targets.project.json" "$WORK/bench/compare/targets.project.json"

# The shared loader knows the contract's kinds and drops STRATEGY_ELEMENT and PARTICIPATION_STRAND (and the relations
# touching them) but stops at the knowledge store's kinds, which the export has held since this project added them.
# The copy learns their type names so that it drops them the same way; the answer checks then show whether a shape
# touched them. A shared loader that knows them already is left as it is.
LOADER=$WORK/bench/peer-yoga/load-export.js
if ! grep -q "COLLECTION:" "$LOADER"; then
  sed -i "s/PARTICIPATION_STRAND: 'ParticipationStrand',/PARTICIPATION_STRAND: 'ParticipationStrand', DOCUMENT: 'Document', RESULT: 'Result', TERM: 'Term', COLLECTION: 'Collection', SERIES: 'Series',/" "$LOADER"
  grep -q "COLLECTION:" "$LOADER" || { echo "could not teach $LOADER the knowledge store's kinds (its TYPE_NAME table changed)" >&2; exit 2; }
fi
# Likewise the organisation type PROGRAMME (a funding programme), which the peer schema lacks: BODY, as the loader maps
# other missing enum values to a near one. No measured shape selects an organisation's type.
if ! grep -q "PROGRAMME:" "$LOADER"; then
  sed -i "s/FUNDER: 'PUBLIC_BANK',/FUNDER: 'PUBLIC_BANK', PROGRAMME: 'BODY',/" "$LOADER"
  grep -q "PROGRAMME:" "$LOADER" || { echo "could not teach $LOADER the organisation type PROGRAMME (its ORG_TYPE table changed)" >&2; exit 2; }
fi
# The peers' stores are rebuilt from the export on every call (seconds): run-all.sh rebuilds them only when the export
# is newer, and a load that failed halfway would otherwise be served, empty, next time.
rm -f "$WORK/bench/peer-yoga/seed-export.db" "$WORK/bench/peer-yoga/synth-10k-export.db"

export DATA=export SCG_DLL EXPORT_DIR=${EXPORT_DIR:-$WORK/export} SCG_DATA=${SCG_DATA:-$WORK/data}
RUN_ALL=$WORK/bench/compare/run-all.sh
status=0
PART=${PART:-all}   # contract | relationship | all
if [ "$PART" != relationship ]; then
  echo "== contract shapes, every peer"
  "$RUN_ALL" "$WHICH" --shapes node,nested3,filter-sort-50 "$@" || status=$?
fi
if [ "$PART" != contract ]; then
  echo "== relationship shapes, the yoga peers (PostGraphile has none)"
  "$RUN_ALL" "$WHICH" --shapes relations50,graph2,paths4,search10 --targets scg,yoga-1proc,yoga-2workers "$@" || status=$?
fi
echo "results (JSON per run) in $WORK/bench/compare/results"
exit $status
