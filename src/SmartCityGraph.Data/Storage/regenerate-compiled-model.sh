#!/usr/bin/env bash
# Regenerates SQLite's compiled model (Storage/CompiledModel) after a change to the entities or to OnModelCreating;
# CompiledModelTests fail until it is run. Run from anywhere: bash src/SmartCityGraph.Data/Storage/regenerate-compiled-model.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
dotnet tool restore >/dev/null
# Generated beside the old model (which the build still needs), then swapped in: no file of a removed type stays.
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
dotnet ef dbcontext optimize -p src/SmartCityGraph.Data -s src/SmartCityGraph.Server \
  -o "$fresh" -n SmartCityGraph.Data.Storage.CompiledModel -c SmartCityDbContext
# The generated assembly attribute would make EF Core use this SQLite model for every context of the assembly,
# PostgreSQL's too; StorageRegistration passes it to SQLite contexts only.
rm "$fresh/SmartCityDbContextAssemblyAttributes.cs"
rm -rf src/SmartCityGraph.Data/Storage/CompiledModel
mkdir src/SmartCityGraph.Data/Storage/CompiledModel
cp "$fresh"/*.cs src/SmartCityGraph.Data/Storage/CompiledModel/
