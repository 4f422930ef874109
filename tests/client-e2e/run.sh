#!/usr/bin/env bash
# Issue 7's "done when", as a new user would do it: pack SmartCityGraph.Client to a local feed,
# create a fresh console project in a temp folder, add the package, fetch the live server's SDL as
# schema.graphql, write the app's own operations (not the repository's), build, and run it against
# a server started here on a random loopback port. Checks typed pilots, a typed event through
# node(id:) (DateOnly start date, enum status), a filtered and sorted page (input objects and enums
# as variables), a typed INVALID_ID error, and that an invalid operation fails the build with file
# and line. Then the README's client example, copied literally from the README into a second fresh
# project (no using added), must build and run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d /tmp/smartcity-client-e2e.XXXXXX)
# A version of its own, so NuGet's global cache never serves an older pack of the same number.
version="0.1.0-e2e.$(date +%s)"
port=$(( 20000 + RANDOM % 20000 ))
url="http://127.0.0.1:$port"
server_pid=""

step() { printf '\n== %s ==\n' "$*"; }
# The fenced block after the README's "<!-- client-e2e: FILE -->" marker, verbatim.
readme_block() {
  awk -v marker="<!-- client-e2e: $1 -->" '
    $0 == marker { found = 1; next }
    found && !open && /^```/ { open = 1; next }
    open && /^```$/ { exit }
    open { print }' "$repo/README.md"
}
new_console_project() {
  cd "$work"
  dotnet new console -n "$1" -o "$1" >/dev/null
  cd "$1"
  dotnet new nugetconfig >/dev/null
  dotnet nuget add source "$work/feed" -n local >/dev/null
  dotnet add package SmartCityGraph.Client --version "$version" >/dev/null
  curl -fsS "$url/graphql?sdl" -o schema.graphql
}
fail() { echo "client e2e FAILED: $*" >&2; exit 1; }
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/smartcitygraph.client/$version"
}
trap cleanup EXIT
started=$(date +%s)

step "Pack SmartCityGraph.Client $version"
dotnet pack "$repo/src/SmartCityGraph.Client" -c Release -o "$work/feed" -p:Version="$version" --nologo -v quiet
package="$work/feed/SmartCityGraph.Client.$version.nupkg"
contents=$(unzip -Z1 "$package")
for expected in lib/net10.0/SmartCityGraph.Client.dll analyzers/dotnet/cs/SmartCityGraph.Client.Generator.dll \
                analyzers/dotnet/cs/GraphQLParser.dll build/SmartCityGraph.Client.props build/SmartCityGraph.Client.targets; do
  grep -qx "$expected" <<<"$contents" || fail "the package lacks $expected"
done
echo "the package holds the runtime, the generator with GraphQL-Parser, and the build files"

step "Start the server on $url"
dotnet build "$repo/src/SmartCityGraph.Server" -c Release --nologo -v quiet
Storage__DataDirectory="$work/data" dotnet "$repo/src/SmartCityGraph.Server/bin/Release/net10.0/SmartCityGraph.Server.dll" --urls "$url" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$url/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; fail "the server exited"; }
  sleep 0.5
done
curl -fsS "$url/health" >/dev/null || { cat "$work/server.log"; fail "the server did not become healthy"; }

step "A fresh console project, as a new user makes it"
new_console_project CityApp
mkdir GraphQL
cat > GraphQL/Pilots.graphql <<'GRAPHQL'
query ListPilots {
  pilots(first: 10) {
    nodes { id title lead { title } funders { title } }
  }
}
GRAPHQL
cat > GraphQL/Events.graphql <<'GRAPHQL'
query FirstEvents($count: Int!) {
  events(first: $count) { nodes { id } }
}

query FilteredEvents($where: EventFilterInput, $order: [EventSortInput!]) {
  events(first: 100, where: $where, order: $order) { totalCount nodes { startDate category } }
}

query EventById($eventId: ID!) {
  node(id: $eventId) {
    ... on Event { title startDate status category }
  }
}
GRAPHQL
cat > Program.cs <<'CSHARP'
using CityApp;
using Microsoft.Extensions.DependencyInjection;
using SmartCityGraph.Client;

var services = new ServiceCollection();
services.AddSmartCityClient().ConfigureHttpClient(c => c.BaseAddress = new Uri(args[0]));
using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<ISmartCityClient>();

var pilots = (await client.ListPilots.ExecuteAsync()).EnsureNoErrors();
foreach (var pilot in pilots.Pilots!.Nodes)
{
    Console.WriteLine($"PILOT {pilot.Title} | lead: {pilot.Lead?.Title ?? "-"} | funders: {pilot.Funders.Count}");
}

var firstEvent = (await client.FirstEvents.ExecuteAsync(1)).EnsureNoErrors().Events!.Nodes[0];
var node = (await client.EventById.ExecuteAsync(firstEvent.Id)).EnsureNoErrors().Node;
if (node is IEventById_Node_Event typedEvent)
{
    DateOnly start = typedEvent.StartDate;
    EventStatus status = typedEvent.Status;
    Console.WriteLine($"EVENT {typedEvent.Title} | start: {start:yyyy-MM-dd} | status: {status} | category: {typedEvent.Category}");
}

var filtered = (await client.FilteredEvents.ExecuteAsync(
    new EventFilterInput { Category = new() { Eq = EventCategory.Participation }, StartDate = new() { Gte = new DateOnly(2021, 1, 1) } },
    [new EventSortInput { StartDate = SortEnumType.Desc }])).EnsureNoErrors().Events!;
var newestFirst = filtered.Nodes.Zip(filtered.Nodes.Skip(1)).All(pair => pair.First.StartDate >= pair.Second.StartDate);
Console.WriteLine($"FILTERED {filtered.TotalCount} | participation only: {filtered.Nodes.All(e => e.Category == EventCategory.Participation)} | from 2021: {filtered.Nodes.All(e => e.StartDate.Year >= 2021)} | newest first: {newestFirst}");

var malformed = await client.EventById.ExecuteAsync("not a global id");
Console.WriteLine(malformed.IsErrorResult()
    ? $"ERROR {malformed.Errors[0].Code} | {malformed.Errors[0].Message}"
    : "NO ERROR");
CSHARP

step "Build and run it"
dotnet build --nologo -v quiet 2>&1 | tail -3
output=$(dotnet run --no-build -- "$url/graphql")
echo "$output"
[ "$(grep -c '^PILOT ' <<<"$output")" -eq 5 ] || fail "expected 5 typed pilots"
grep -Eq '^EVENT .+ \| start: [0-9]{4}-[0-9]{2}-[0-9]{2} \| status: (Planned|Ongoing|Finished|Cancelled) \| category: (Participation|Network)$' <<<"$output" \
  || fail "expected a typed event with a DateOnly start date and an enum status"
grep -Eq '^FILTERED [1-9][0-9]* \| participation only: True \| from 2021: True \| newest first: True$' <<<"$output" \
  || fail "expected a filtered (input objects, enum operands) and sorted page of events"
grep -q '^ERROR INVALID_ID | ' <<<"$output" || fail "expected a typed INVALID_ID error"

step "An operation that does not fit the schema fails the build with file and line"
printf 'query Broken {\n  pilots { nodes { nickname } }\n}\n' > GraphQL/Broken.graphql
if build=$(dotnet build --nologo 2>&1); then fail "the build of an invalid operation succeeded"; fi
grep -E "GraphQL/Broken.graphql\(2,[0-9]+\): error SCG011: The type 'Pilot' has no field 'nickname'" <<<"$build" \
  || { echo "$build" | tail -20; fail "expected error SCG011 at Broken.graphql line 2"; }

step "The README's client example, copied literally into a fresh console project"
new_console_project ReadmeApp
mkdir GraphQL
readme_block GraphQL/CityQueries.graphql > GraphQL/CityQueries.graphql
readme_block Program.cs > Program.cs
grep -q '^query GetPilots' GraphQL/CityQueries.graphql || fail "the README has no client-e2e block GraphQL/CityQueries.graphql"
grep -q 'AddSmartCityClient' Program.cs || fail "the README has no client-e2e block Program.cs"
if grep -Eq '^(global )?using [A-Za-z0-9_.]+;' Program.cs; then fail "the README's Program.cs needs a using: the package and generator should provide them"; fi
build=$(dotnet build --nologo 2>&1) || { echo "$build" | tail -20; fail "the README's example does not build as printed"; }
output=$(dotnet run --no-build -- "$url/graphql")
echo "$output"
[ "$(grep -c ' led by ' <<<"$output")" -eq 5 ] || fail "the README's example should list 5 pilots with their leads"
grep -Eq '^.+: 2021-0[3-5]-[0-9]{2}, Finished$' <<<"$output" || fail "the README's example should print a typed spring-2021 workshop"
grep -Eq '^[1-9][0-9]* events in all$' <<<"$output" || fail "the README's example should page with an explicit null"

echo
echo "client e2e passed in $(( $(date +%s) - started )) s"
